#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "commands.hpp"
#include "onboard/cloud/domain/accounts.hpp"
#include "onboard/cloud/store/open_store.hpp"
#include "password_input.hpp"
#include "private_data_dir.hpp"

namespace onboard::cloud {

std::string database_path(const std::string& data_dir) {
  return (std::filesystem::path(data_dir) / "onboard.db").string();
}

CLI::App* add_user_add_command(CLI::App& user, UserAddOptions& o) {
  auto* add = user.add_subcommand("add", "add a user (and its organization when new)");
  add->add_option("--data-dir", o.data_dir, "data directory of the server")->required();
  add->add_option("--email", o.email, "sign-in email")->required();
  add->add_option("--password", o.password,
                  "password (8 characters or more); visible to other users in ps, so prefer --password-file "
                  "or the prompt");
  add->add_option("--password-file", o.password_file, "read the password from the first line of this file");
  add->add_option("--role", o.role, "admin, staff or user")
      ->required()
      ->check(CLI::IsMember({"admin", "staff", "user"}));
  add->add_option("--org", o.org, "organization name (created when new)")->capture_default_str();
  add->add_option("--store", o.store, "sqlite (in --data-dir) or postgres")
      ->check(CLI::IsMember({"sqlite", "postgres"}))
      ->capture_default_str();
  add->add_option("--db-url", o.db_url, "PostgreSQL URL (with --store postgres)");
  add->footer(
      "Without --password or --password-file it asks on the terminal (or reads one line of stdin).\n"
      "example: onboard-cloud user add --data-dir ./data --email admin@example.com --role admin --org Acme");
  return add;
}

int run_user_add(const UserAddOptions& o, bool password_given) {
  std::string error;
  auto password = read_password(PasswordSource{o.password, o.password_file, password_given}, error);
  if (!password) {
    std::cerr << "onboard-cloud user add: " << error << "\n";
    return 2;
  }
  if (o.store == "sqlite") {
    if (auto failed = make_private_data_dir(o.data_dir); !failed.empty()) {
      std::cerr << "onboard-cloud user add: " << failed << "\n";
      return 1;
    }
  }
  Config where;
  where.data_dir = o.data_dir;
  where.store = o.store;
  where.db_url = o.db_url;
  auto store = open_configured_store(where);
  if (!store) {
    std::cerr << "onboard-cloud user add: " << store.error().message << "\n";
    return 1;
  }
  auto added = add_user(**store, o.email, *password, *role_from(o.role), o.org);
  if (!added) {
    std::cerr << "onboard-cloud user add: the database failed: " << added.error().message << "\n";
    return 1;
  }
  const auto& result = *added;
  if (!result.user) {
    std::cerr << "onboard-cloud user add: " << result.error << "\n";
    return 1;
  }
  std::cout << fmt::format("user {} {} role={} org={} (id {})\n", result.user->id, result.user->email, o.role,
                           o.org, result.user->org_id);
  return 0;
}

}  // namespace onboard::cloud
