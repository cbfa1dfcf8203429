#include "support/postgres_server.hpp"

#include <libpq-fe.h>
#include <signal.h>
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

namespace onboard::cloud::test {

namespace fs = std::filesystem;

namespace {

// /usr/lib/postgresql/<major>/bin of the newest installed major version
// (ONBOARD_PG_BINDIR overrides); empty when there is none.
std::string find_bindir() {
  if (const char* dir = std::getenv("ONBOARD_PG_BINDIR")) return dir;
  std::string best;
  int best_major = -1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    const auto name = entry.path().filename().string();
    const int major = std::atoi(name.c_str());
    if (major > best_major && fs::exists(entry.path() / "bin" / "postgres", ec)) {
      best_major = major;
      best = (entry.path() / "bin").string();
    }
  }
  return best;
}

std::string make_temp_dir(const char* pattern) {
  std::string path = pattern;
  return ::mkdtemp(path.data()) != nullptr ? path : std::string();
}

// An initdb'd cluster with an "onboard" database, made once per machine, PostgreSQL major
// version and account (initdb costs about a second; copying its result a tenth of that).
// Built aside and renamed into place, so concurrent test processes never see half of one.
std::string ensure_template(const std::string& bindir, const Account& who, std::string& error) {
  const std::string version = fs::path(bindir).parent_path().filename().string();
  const std::string path = "/tmp/onboard-pg-template-v2-" + version + "-" + std::to_string(who.uid);
  std::error_code ec;
  if (fs::exists(path + "/ready", ec)) return path;
  const std::string work = make_temp_dir("/tmp/onboard-pg-template-new-XXXXXX");
  if (work.empty() || !give_to(who, work)) {
    error = "cannot make a directory in /tmp for the PostgreSQL template";
    return {};
  }
  const std::string log = work + "/initdb.log";
  if (run_as({bindir + "/initdb", "-D", work + "/data", "-U", "onboard", "-A", "trust", "-E", "UTF8",
              "--locale=C", "--no-sync", "--no-instructions", "--wal-segsize=1"},
             log, who) != 0) {
    error = "initdb failed: " + read_text(log);
    fs::remove_all(work, ec);
    return {};
  }
  // Single-user mode makes the database without a listening server. Small WAL segments
  // and no "postgres" database: every test copies this, so each megabyte counts.
  const std::string sql = work + "/create.sql";
  std::ofstream(sql) << "CREATE DATABASE onboard;\nDROP DATABASE postgres;\n";
  if (run_as({bindir + "/postgres", "--single", "-D", work + "/data", "-c", "fsync=off", "template1"}, log,
             who, sql) != 0) {
    error = "creating the onboard database failed: " + read_text(log);
    fs::remove_all(work, ec);
    return {};
  }
  std::ofstream(work + "/ready") << version << "\n";
  if (std::rename(work.c_str(), path.c_str()) != 0) fs::remove_all(work, ec);  // another process won
  if (!fs::exists(path + "/ready", ec)) {
    error = "the PostgreSQL template at " + path + " is incomplete; remove it";
    return {};
  }
  return path;
}

struct PgConnDeleter {
  void operator()(PGconn* c) const { PQfinish(c); }
};
struct PgResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};

}  // namespace

PostgresServer::PostgresServer() {
  const auto bindir = find_bindir();
  if (bindir.empty()) {
    error_ = "no PostgreSQL server under /usr/lib/postgresql (scripts/install-deps installs it)";
    return;
  }
  auto home = daemon_home(bindir + "/postgres", "/tmp/onboard-pg-XXXXXX");
  error_ = home.error;
  account_ = home.account;
  dir_ = home.dir;
  if (dir_.empty()) return;
  const auto templ = ensure_template(bindir, account_, error_);
  if (templ.empty()) return;
  // cp -a keeps the template's owner and the 0700 mode PostgreSQL insists on.
  if (run_as({"/bin/cp", "-a", templ + "/data", dir_ + "/data"}, "/dev/null", Account{}) != 0 ||
      !give_to(account_, dir_)) {
    error_ = "cannot copy the PostgreSQL template into " + dir_;
    return;
  }
  bindir_ = bindir;
}

PostgresServer::~PostgresServer() {
  if (process_.running()) process_.stop(SIGINT);
  std::error_code ignored;
  if (!dir_.empty()) fs::remove_all(dir_, ignored);
}

bool PostgresServer::start() {
  if (bindir_.empty()) return false;
  if (process_.running()) return true;
  return start_on_free_port(port_, [this] { return try_start(); });
}

bool PostgresServer::try_start() {
  const std::vector<std::string> argv = {
      bindir_ + "/postgres",
      "-D",
      dir_ + "/data",
      "-p",
      std::to_string(port_),
      "-k",
      dir_,
      "-c",
      "listen_addresses=127.0.0.1",
      // A test server: durability against an OS crash is not what the tests check; a
      // clean or crashed server process keeps every committed row either way.
      "-c",
      "fsync=off",
      "-c",
      "synchronous_commit=off",
      "-c",
      "full_page_writes=off",
      "-c",
      "shared_buffers=16MB",
      "-c",
      "max_connections=200",
  };
  const std::string conninfo = url() + "?connect_timeout=2";
  const Readiness ready{"postgres", "accept connections",
                        [&conninfo] { return PQping(conninfo.c_str()) == PQPING_OK; },
                        std::chrono::seconds(30), std::chrono::milliseconds(10)};
  error_ = process_.start_ready(argv, dir_ + "/postgres.log", account_, ready);
  return error_.empty();
}

bool PostgresServer::stop() {
  if (!process_.running()) return true;
  return process_.stop(SIGINT, std::chrono::seconds(20)) == 0;
}

std::string PostgresServer::url(const std::string& database) const {
  return "postgresql://onboard@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

std::string PostgresServer::socket_url(const std::string& database) const {
  return "postgresql://onboard@/" + database + "?host=" + dir_ + "&port=" + std::to_string(port_);
}

bool PostgresServer::create_database(const std::string& name) {
  return execute("CREATE DATABASE " + name).empty();
}

std::string PostgresServer::execute(const std::string& sql, const std::string& database) {
  std::unique_ptr<PGconn, PgConnDeleter> conn(PQconnectdb(url(database).c_str()));
  if (PQstatus(conn.get()) != CONNECTION_OK) return PQerrorMessage(conn.get());
  std::unique_ptr<PGresult, PgResultDeleter> result(PQexec(conn.get(), sql.c_str()));
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return PQresultErrorMessage(result.get());
  return {};
}

std::string PostgresServer::log() const {
  return read_text(dir_ + "/postgres.log");
}

}  // namespace onboard::cloud::test
