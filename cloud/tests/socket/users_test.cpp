// Users management over real sockets: admins add users with a role, change roles and
// remove users (whose sign-ins end at once and whose devices stay, now the admin's);
// the last admin stays; a user changes their own password (their other sign-ins end);
// templates are renamed. Everyone else is refused by the server, not only the console.
#include <gtest/gtest.h>

#include "support/cloud_fixture.hpp"

namespace onboard::cloud::test {
namespace {

class Users : public CloudTest {
 protected:
  long admin_id() const {
    auto r = client().post("/api/v1/login", {{"email", "admin@example.com"}, {"password", "admin-password"}});
    return r.json()["user"]["id"].get<long>();
  }
  HttpResult add(const std::string& email, const std::string& role,
                 const std::string& password = "a-good-password") const {
    return api.post("/api/v1/users", {{"email", email}, {"password", password}, {"role", role}});
  }
  HttpClient as(const std::string& email, const std::string& password = "a-good-password") const {
    auto c = client();
    c.bearer = sign_in(email, password);
    EXPECT_FALSE(c.bearer.empty()) << email;
    return c;
  }
};

TEST_P(Users, AnAdminAddsListsAndChangesRolesAndOthersAreRefused) {
  auto r = add("staff@example.com", "staff");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["role"], "staff");
  EXPECT_EQ(r.json()["email"], "staff@example.com");
  const long staff = r.json()["id"];
  EXPECT_EQ(add("staff@example.com", "user").status, 409);
  EXPECT_EQ(add("weak@example.com", "user", "short").json()["reason"],
            "password needs at least 8 characters");
  EXPECT_EQ(add("role@example.com", "owner").status, 400);
  EXPECT_EQ(add("not-an-email", "user").status, 400);

  auto list = api.get("/api/v1/users");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json().size(), 2u);
  EXPECT_EQ(list.json()[1]["email"], "staff@example.com");
  EXPECT_FALSE(list.json()[1].contains("passwordHash"));

  auto staff_client = as("staff@example.com");
  EXPECT_EQ(staff_client.get("/api/v1/users").status, 403);
  EXPECT_EQ(staff_client
                .post("/api/v1/users",
                      {{"email", "x@example.com"}, {"password", "a-good-password"}, {"role", "admin"}})
                .status,
            403);
  EXPECT_EQ(
      staff_client.request("PATCH", "/api/v1/users/" + std::to_string(staff), R"({"role":"admin"})").status,
      403);
  EXPECT_EQ(staff_client.request("DELETE", "/api/v1/users/" + std::to_string(admin_id())).status, 403);

  auto promoted = api.request("PATCH", "/api/v1/users/" + std::to_string(staff), R"({"role":"user"})");
  ASSERT_EQ(promoted.status, 200) << promoted.body;
  EXPECT_EQ(promoted.json()["role"], "user");
  EXPECT_EQ(staff_client.post("/api/v1/templates", {{"name", "Fan"}}).status, 403);  // the new role, at once
  EXPECT_EQ(api.request("PATCH", "/api/v1/users/99999", R"({"role":"user"})").status, 404);
}

TEST_P(Users, TheLastAdminCannotBeDemotedOrRemoved) {
  const auto me = std::to_string(admin_id());
  auto demote = api.request("PATCH", "/api/v1/users/" + me, R"({"role":"staff"})");
  EXPECT_EQ(demote.status, 409);
  EXPECT_EQ(demote.json()["error"], "last_admin") << demote.body;
  auto self = api.request("DELETE", "/api/v1/users/" + me);
  EXPECT_EQ(self.status, 400) << self.body;
  ASSERT_EQ(add("second@example.com", "admin").status, 201);
  EXPECT_EQ(api.request("PATCH", "/api/v1/users/" + me, R"({"role":"staff"})").status, 200);
  EXPECT_EQ(api.get("/api/v1/users").status, 403);  // no longer admin
}

TEST_P(Users, ARemovedUsersSessionsEndAndTheirDevicesStayWithTheAdmin) {
  auto r = add("maker@example.com", "user");
  ASSERT_EQ(r.status, 201);
  const long maker = r.json()["id"];
  auto maker_client = as("maker@example.com");
  auto activated = provision(maker_client);
  auto device = activated_device(activated.token);
  auto open = provision(maker_client);  // never used: must not work after the removal
  std::string device_id;
  ASSERT_TRUE(eventually([&] {
    auto list = maker_client.get("/api/v1/devices").json();
    if (list.empty()) return false;
    device_id = std::to_string(list[0]["id"].get<long>());
    return true;
  }));
  EXPECT_EQ(api.get("/api/v1/devices/" + device_id).json()["ownerId"], maker);

  ASSERT_EQ(api.request("DELETE", "/api/v1/users/" + std::to_string(maker)).status, 204);
  EXPECT_EQ(maker_client.get("/api/v1/templates").status, 401);
  EXPECT_EQ(sign_in("maker@example.com", "a-good-password"), "");
  auto kept = api.get("/api/v1/devices/" + device_id);
  ASSERT_EQ(kept.status, 200);
  EXPECT_EQ(kept.json()["ownerId"], admin_id());
  auto session = api.get("/api/v1/provisioning/" + std::to_string(open.id)).json();
  EXPECT_EQ(session["state"], "failed");
  EXPECT_EQ(session["reason"], "requester_removed");
  BlynkClient late;
  ASSERT_TRUE(late.connect(endpoint(), tls()));
  EXPECT_NE(late.login(open.token), 200);
  EXPECT_EQ(api.request("DELETE", "/api/v1/users/" + std::to_string(maker)).status, 404);
}

TEST_P(Users, ChangingOnesPasswordEndsTheOtherSessionsOnly) {
  auto other = client();
  other.bearer = sign_in("admin@example.com", "admin-password");
  auto change = [&](const std::string& current, const std::string& next) {
    return api.post("/api/v1/me/password", {{"current", current}, {"new", next}});
  };
  auto wrong = change("not-my-password", "a-new-password");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(wrong.json()["error"], "wrong_password");
  EXPECT_EQ(change("admin-password", "short").status, 400);
  EXPECT_EQ(other.get("/api/v1/templates").status, 200);  // refusals end nothing
  ASSERT_EQ(change("admin-password", "a-new-password").status, 204);
  EXPECT_EQ(api.get("/api/v1/templates").status, 200);
  EXPECT_EQ(other.get("/api/v1/templates").status, 401);
  EXPECT_EQ(sign_in("admin@example.com", "admin-password"), "");
  EXPECT_NE(sign_in("admin@example.com", "a-new-password"), "");
}

TEST_P(Users, TemplatesAreRenamedByAdminsAndStaffOnly) {
  auto renamed = api.request("PATCH", "/api/v1/templates/" + template_id, R"({"name":"Desk lamp"})");
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(renamed.json()["name"], "Desk lamp");
  EXPECT_EQ(api.get("/api/v1/templates").json()[0]["name"], "Desk lamp");
  EXPECT_EQ(api.request("PATCH", "/api/v1/templates/" + template_id, R"({"name":""})").status, 400);
  EXPECT_EQ(api.request("PATCH", "/api/v1/templates/TMPLnone0000", R"({"name":"X"})").status, 404);
  ASSERT_EQ(add("plain@example.com", "user").status, 201);
  EXPECT_EQ(as("plain@example.com")
                .request("PATCH", "/api/v1/templates/" + template_id, R"({"name":"Mine"})")
                .status,
            403);
}

INSTANTIATE_TEST_SUITE_P(Plain, Users, ::testing::Values(false), transport_name);

}  // namespace
}  // namespace onboard::cloud::test
