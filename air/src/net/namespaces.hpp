// Network namespaces: the hosts of the world.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace onboard::air {

// ip netns add NAME, then loopback up.
bool add_namespace(const std::string& ns, std::string* error);
// Kills every process inside, deletes it, and removes /etc/netns/NAME.
void delete_namespace(const std::string& ns);
// Names in /run/netns that start with prefix.
std::vector<std::string> list_namespaces(const std::string& prefix);
bool namespace_exists(const std::string& ns);

// Processes whose network namespace is ns (other than this one).
std::vector<pid_t> namespace_pids(const std::string& ns);
// SIGKILL to each of them: a power cut. Returns how many were signalled.
int kill_namespace_processes(const std::string& ns);

// Writes a sysctl (e.g. "net/ipv4/ip_forward") inside ns.
bool set_sysctl(const std::string& ns, const std::string& key, const std::string& value, std::string* error);

// /etc/netns/NS/resolv.conf ("ip netns exec" bind-mounts it on /etc/resolv.conf).
// Rewritten in place so processes already running see the change.
void write_resolv_conf(const std::string& ns, const std::string& nameserver);

// Enters ns (in a child process, before exec). Returns false with errno set.
bool enter_namespace(const std::string& ns);

}  // namespace onboard::air
