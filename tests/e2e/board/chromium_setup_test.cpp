// Scenario 6: Chromium on a phone joined to the board's AP opens an unrelated
// URL, lands on the board's manual setup page through the captive DNS, submits
// the form, and the board then tries the network.
#include "cdp_browser.hpp"
#include "chromium.hpp"
#include "scenario_test.hpp"

namespace onboard::e2e {
namespace {
using namespace std::chrono_literals;

TEST_F(BoardScenario, ChromiumLandsOnSetupPageThroughCaptiveDnsAndSubmitsIt) {
  if (!have_chromium()) GTEST_SKIP() << "needs Debian's chromium (apt-get install chromium)";
  ASSERT_EQ(world().air({"ap", "add", "--ssid", "Home", "--password", "homepass1"}).code, 0);
  ASSERT_EQ(world().air({"phone", "add", "phone"}).code, 0);
  ASSERT_EQ(world().add_board("b1", BoardSpec().id("TMPLchrome1").name("Fan")).code, 0);
  const std::string ap = world().wait_board_ap("b1", 20s);
  ASSERT_FALSE(ap.empty()) << "the board never opened its AP";
  ASSERT_EQ(world().join("phone", ap).code, 0);

  // example.com resolves, through the board's DNS, to the board itself.
  const RunResult page = chromium_dump_dom(world(), "phone", "http://example.com/");
  ASSERT_EQ(page.code, 0) << page.err;
  EXPECT_NE(page.out.find("action=\"/config\""), std::string::npos) << "no setup form in:\n" << page.out;
  EXPECT_NE(page.out.find("name=\"ssid\""), std::string::npos) << page.out;
  EXPECT_NE(page.out.find("name=\"blynk\""), std::string::npos) << page.out;
  EXPECT_NE(page.out.find("<option value=\"Home\">"), std::string::npos) << "the page lists no scan:\n"
                                                                         << page.out;
  EXPECT_TRUE(world().wait_serial("b1", "setup: GET / -> 200", 0, 5s));

  // Submitting the GET form: every field goes in the query, the empty ones too.
  const std::string submitted =
      "http://example.com/config?ssid=Home&pass=homepass1&blynk=" + std::string(kToken) + "&host=&port_ssl=";
  const std::size_t before = world().serial("b1").size();
  const RunResult reply = chromium_dump_dom(world(), "phone", submitted);
  ASSERT_EQ(reply.code, 0) << reply.err;
  EXPECT_NE(reply.out.find("Trying to connect"), std::string::npos) << reply.out;
  EXPECT_TRUE(world().wait_serial("b1", "GET /config -> 200 network \"Home\"", before, 10s));
  EXPECT_TRUE(world().wait_serial("b1", "wifi: joined \"Home\"", before, 20s))
      << "the board did not try the network";
}

// "Any URL" also means any path: a browser restoring its last tab, or a
// bookmark. Only the captive probes (/generate_204 ...) redirect today.
TEST_F(BoardScenario, ChromiumOnAnyPathOfAnyNameLandsOnSetupPage) {
  if (!have_chromium()) GTEST_SKIP() << "needs Debian's chromium (apt-get install chromium)";
  ASSERT_EQ(world().air({"phone", "add", "phone"}).code, 0);
  ASSERT_EQ(world().add_board("b1", BoardSpec().name("Fan")).code, 0);
  const std::string ap = world().wait_board_ap("b1", 20s);
  ASSERT_FALSE(ap.empty()) << "the board never opened its AP";
  ASSERT_EQ(world().join("phone", ap).code, 0);

  for (const char* url :
       {"http://connectivitycheck.gstatic.com/generate_204", "http://news.example.org/world/article?id=7"}) {
    const RunResult page = chromium_dump_dom(world(), "phone", url);
    ASSERT_EQ(page.code, 0) << page.err;
    EXPECT_NE(page.out.find("action=\"/config\""), std::string::npos)
        << url << " did not lead to the setup page. Known bug: the setup server answers 404 to every path it"
        << " does not know (device/core/src/setup_api.cpp, DeviceCore::handle), so a captive browser on any"
        << " URL but a site's root is stuck on \"Not Found\"; unknown paths should redirect (302) to"
        << " http://192.168.4.1/ like the captive probes do. Page:\n"
        << page.out;
  }
}

// The same through a real page: typed into, clicked, with Chromium's own form
// validation and submission (driven over the DevTools protocol).
TEST_F(BoardScenario, ChromiumTypesIntoSetupPageAndClicksConnect) {
  if (!have_chromium()) GTEST_SKIP() << "needs Debian's chromium (apt-get install chromium)";
  ASSERT_EQ(world().air({"ap", "add", "--ssid", "Home", "--password", "homepass1"}).code, 0);
  ASSERT_EQ(world().air({"phone", "add", "phone"}).code, 0);
  ASSERT_EQ(world().add_board("b1", BoardSpec().id("TMPLchrome2").name("Fan")).code, 0);
  const std::string ap = world().wait_board_ap("b1", 20s);
  ASSERT_FALSE(ap.empty()) << "the board never opened its AP";
  ASSERT_EQ(world().join("phone", ap).code, 0);

  CdpBrowser browser(world(), "phone");
  ASSERT_TRUE(browser.ok()) << browser.error();
  ASSERT_TRUE(browser.page("Page.navigate", {{"url", "http://example.com/"}}).is_object()) << browser.error();
  const bool form =
      eventually([&] { return browser.eval("!!document.querySelector('form[action=\"/config\"]')") == true; },
                 20s, 200ms);
  ASSERT_TRUE(form) << "no setup form at "
                    << browser.eval("location.href + ' ' + document.documentElement.outerHTML");

  EXPECT_TRUE(browser.type("input[name=ssid]", "Home"));
  EXPECT_TRUE(browser.type("input[name=pass]", "homepass1"));
  EXPECT_TRUE(browser.type("input[name=blynk]", kToken));
  const std::size_t before = world().serial("b1").size();
  ASSERT_TRUE(browser.click("button[type=submit]")) << browser.error();

  EXPECT_TRUE(world().wait_serial("b1", "GET /config -> 200 network \"Home\"", before, 10s))
      << "the click sent no valid /config";
  EXPECT_TRUE(eventually(
      [&] {
        return browser.eval("document.body && document.body.innerText.includes('Trying to connect')") == true;
      },
      10s, 200ms))
      << browser.eval("location.href + ' ' + document.documentElement.outerHTML");
  EXPECT_TRUE(world().wait_serial("b1", "wifi: joined \"Home\"", before, 20s))
      << "the board did not try the network";
}

}  // namespace
}  // namespace onboard::e2e
