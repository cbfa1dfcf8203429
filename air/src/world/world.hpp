// The world: its hosts, access points and links, and every operation the
// control socket offers. Single-threaded: the daemon's loop calls it.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "radio/access_point.hpp"
#include "radio/address_pool.hpp"
#include "run_dir.hpp"
#include "wire/line.hpp"
#include "world/host.hpp"

namespace onboard::air {

struct WorldOptions {
  // A board's AP moves to its station's channel on join, dropping its phones.
  bool follow_channel = true;
};

struct ApSpec {
  std::string ssid;
  std::string password;
  Band band = Band::ghz2_4;
  int channel = 0;  // 0: the band's default
  int rssi = -50;
};

enum class PowerAction { on, off, cycle, cycle_on_join };
enum class ButtonAction { press, hold, release };

class World {
 public:
  // push(host, line): send a line to every connection registered as host.
  using Push = std::function<void(const std::string& host, const std::string& line)>;

  World(RunDir run_dir, WorldOptions options, Push push);
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // The fixed hosts: internet and router, wired and routed.
  bool create(std::string* error);
  // Stops every board and deletes every namespace this world made.
  void destroy();

  Reply add_ap(const ApSpec& spec);
  Reply remove_ap(const std::string& ssid);
  // The router's AP moves to another channel (a channel switch announcement): its stations
  // follow, or with drop_stations lose their link (reason channel_switch) and must join
  // again. A board that follows takes its own AP along (one radio), dropping its phones.
  Reply switch_channel(const std::string& ssid, int channel, bool drop_stations);
  Reply add_phone(const std::string& name);
  Reply set_phone(const std::string& name, const PhoneBehaviour& behaviour);
  // qemu_image non-empty: command holds the firmware's arguments (may be empty).
  Reply add_board(const std::string& name, std::string chip_id, std::vector<std::string> command,
                  std::string cwd, std::string qemu_image = {});

  // Station operations (phones and boards).
  Reply scan(const std::string& host);
  Reply join(const std::string& host, const std::string& ssid, const std::string& password);
  // push_reason: the link_lost reason pushed to the host (none: it asked).
  // only_from: leave only while joined to that SSID (a test's drop must not hit the network
  // the host has moved on to meanwhile): else not_joined, and the link stays.
  Reply leave(const std::string& host, std::optional<Reason> push_reason = std::nullopt,
              const std::optional<std::string>& only_from = std::nullopt);
  Reply status(const std::string& host);

  // Board operations.
  Reply ap_start(const std::string& board, const std::string& ssid, int channel);
  Reply ap_stop(const std::string& board, Reason reason = Reason::ap_gone);
  Reply set_led(const std::string& board, const FieldList& fields);
  Reply led(const std::string& board);
  Reply power(const std::string& board, PowerAction action);
  Reply button(const std::string& board, ButtonAction action, double seconds);

  Reply router(bool on);
  Reply internet(bool on);
  Reply hello(const std::string& host, Role role);
  Reply info(const std::string& host);
  nlohmann::json status_json() const;

  // Timers (button releases): when the loop must call tick() next.
  std::optional<std::chrono::steady_clock::time_point> next_deadline() const;
  void tick(std::chrono::steady_clock::time_point now);
  // A child process ended (from waitpid).
  void on_child_exit(pid_t pid, int wait_status);

  const RunDir& run_dir() const { return run_dir_; }
  Host* find(const std::string& name);

 private:
  bool add_host(const std::string& name, HostKind kind, std::string* error);
  std::vector<const AccessPoint*> all_aps() const;
  Host* station(const std::string& name, Reply* error);
  Host* board_host(const std::string& name, Reply* error);
  // Removes a station's link; pushes link_lost when reason is set.
  void drop_link(Host& host, std::optional<Reason> reason);
  // Drops every station whose link matches.
  void drop_stations(const std::function<bool(const Link&)>& match, Reason reason);
  void start_board(Host& host);
  void stop_board(Host& host);
  void serial_note(const std::string& board, const std::string& text) const;
  void release_button(Host& host);
  // The phone behaviours' timers (world_phones.cpp).
  void after_phone_join(Host& host);
  void phone_timers(std::chrono::steady_clock::time_point now);
  void next_phone_deadline(std::optional<std::chrono::steady_clock::time_point>& next) const;

  RunDir run_dir_;
  WorldOptions options_;
  Push push_;
  std::map<std::string, std::unique_ptr<Host>> hosts_;
  std::vector<std::unique_ptr<AccessPoint>> home_aps_;
  AddressPool home_pool_;
  bool router_on_ = true;
  bool internet_on_ = true;
  int next_link_id_ = 1;
  int next_ap_id_ = 1;
};

}  // namespace onboard::air
