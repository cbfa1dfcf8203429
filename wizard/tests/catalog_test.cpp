// Every reason, hint and step has words in every shipped language: adding a Reason or an
// Action without its texts fails here (and without its default hint, fails to compile).
#include "onboard/wizard/catalog.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>

namespace onboard::wizard {
namespace {

TEST(Catalog, ShipsEnglishAndGerman) {
  const auto langs = Catalog::languages();
  EXPECT_NE(std::find(langs.begin(), langs.end(), "en"), langs.end());
  EXPECT_NE(std::find(langs.begin(), langs.end(), "de"), langs.end());
}

TEST(Catalog, EveryReasonActionAndStepHasTextInEveryLanguage) {
  for (const auto& lang : Catalog::languages()) {
    const Catalog c = Catalog::builtin(lang);
    ASSERT_EQ(c.language(), lang);
    for (std::size_t i = 0; i < kReasonCount; ++i) {
      const auto r = static_cast<Reason>(i);
      EXPECT_TRUE(c.has("reason." + std::string(to_string(r)))) << lang << ": reason " << to_string(r);
      EXPECT_FALSE(c.reason(r).empty()) << lang << ": reason " << to_string(r);
    }
    for (std::size_t i = 1; i < kActionCount; ++i) {
      const auto a = static_cast<Action>(i);
      EXPECT_TRUE(c.has("action." + std::string(to_string(a)))) << lang << ": action " << to_string(a);
      EXPECT_FALSE(c.hint(Hint{a, "X"}).empty()) << lang << ": action " << to_string(a);
    }
    for (int s = 0; s <= static_cast<int>(Step::name_device); ++s) {
      EXPECT_TRUE(c.has("step." + std::string(to_string(static_cast<Step>(s))))) << lang << " step " << s;
    }
  }
}

TEST(Catalog, EveryLanguageHasEveryEnglishKeyWithTheSamePlaceholders) {
  const Catalog en = Catalog::builtin("en");
  auto placeholders = [](const std::string& text) {
    std::vector<std::string> out;
    for (std::size_t at = text.find('{'); at != std::string::npos; at = text.find('{', at + 1))
      out.push_back(text.substr(at, text.find('}', at) - at + 1));
    std::sort(out.begin(), out.end());
    return out;
  };
  for (const auto& lang : Catalog::languages()) {
    const Catalog c = Catalog::builtin(lang);
    for (const auto& key : en.keys()) {
      EXPECT_TRUE(c.has(key)) << lang << " lacks " << key;
      if (key == "language") continue;
      // Raw texts: filled with nothing, every placeholder but {product} stays visible.
      EXPECT_EQ(placeholders(c.text(key)), placeholders(en.text(key))) << lang << ": " << key;
    }
  }
}

TEST(Catalog, EveryReasonHasADefaultHintOrNeedsNone) {
  // Missing choices and cancellation have nothing to do; not_found depends on what was missing.
  for (std::size_t i = 0; i < kReasonCount; ++i) {
    const auto r = static_cast<Reason>(i);
    if (r == Reason::missing_choice || r == Reason::cancelled || r == Reason::not_found) continue;
    EXPECT_FALSE(default_hint(r).empty()) << to_string(r);
  }
}

TEST(Catalog, ReasonNamesRoundTrip) {
  for (std::size_t i = 0; i < kReasonCount; ++i) {
    const auto r = static_cast<Reason>(i);
    EXPECT_EQ(reason_from_string(to_string(r)), r);
  }
  EXPECT_FALSE(reason_from_string("no_such_reason"));
  EXPECT_EQ(from_device(setup::Reason::wrong_password), Reason::wrong_password);
  EXPECT_EQ(from_device(setup::Reason::none), Reason::device_failed);
}

TEST(Catalog, TheProductNameFillsEveryText) {
  const Catalog c = Catalog::builtin("en", Product{"Acme Plug", "Acme"});
  EXPECT_EQ(c.step(Step::find_device), "Found the Acme Plug device nearby");
  EXPECT_NE(c.hint(Hint{Action::put_device_in_setup_mode, {}}).find("Acme Plug"), std::string::npos);
  const Catalog de = Catalog::builtin("de_DE.UTF-8", Product{"Acme Plug", "Acme"});
  EXPECT_EQ(de.language(), "de");
  EXPECT_EQ(de.step(Step::find_device), "Acme Plug-Gerät in der Nähe gefunden");
  EXPECT_NE(de.reason(Reason::wrong_password), c.reason(Reason::wrong_password));
  for (const auto& lang : Catalog::languages()) {
    const Catalog any = Catalog::builtin(lang, Product{"Acme Plug", "Acme"});
    for (std::size_t i = 1; i < kActionCount; ++i) {
      const std::string words = any.hint(Hint{static_cast<Action>(i), "X"});
      EXPECT_EQ(words.find("Onboard"), std::string::npos) << lang << ": " << words;
      EXPECT_EQ(words.find('{'), std::string::npos) << lang << ": " << words;
    }
  }
}

TEST(Catalog, AnUnknownLanguageIsEnglish) {
  EXPECT_EQ(Catalog::builtin("xx").language(), "en");
  EXPECT_EQ(Catalog::builtin("C").language(), "en");
  EXPECT_EQ(Catalog::builtin("").language(), "en");
}

TEST(Catalog, TheLocaleComesFromTheEnvironment) {
  setenv("LC_ALL", "", 1);
  setenv("LC_MESSAGES", "de_AT.UTF-8", 1);
  EXPECT_EQ(Catalog::language_from_environment(), "de");
  setenv("LC_ALL", "en_GB.UTF-8", 1);
  EXPECT_EQ(Catalog::language_from_environment(), "en");
  unsetenv("LC_ALL");
  unsetenv("LC_MESSAGES");
}

}  // namespace
}  // namespace onboard::wizard
