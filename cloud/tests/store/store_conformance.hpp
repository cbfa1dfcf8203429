// The tests every Store implementation must pass: its record operations and
// transactions, and the domain's device rules run over it. An implementation
// instantiates the suite with a factory of fresh, empty stores:
//   INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformance,
//                            ::testing::Values(StoreFactory{"sqlite", make_sqlite}), store_factory_name);
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "onboard/cloud/store/store.hpp"

namespace onboard::cloud::test {

struct StoreFactory {
  std::string name;
  std::function<std::unique_ptr<Store>()> make;  // a fresh, empty store each call
};

inline void PrintTo(const StoreFactory& factory, std::ostream* os) {
  *os << factory.name;
}
std::string store_factory_name(const ::testing::TestParamInfo<StoreFactory>& info);

class StoreConformance : public ::testing::TestWithParam<StoreFactory> {
 protected:
  void SetUp() override;

  // An org with an admin and a template "Lamp" (TMPLlamp0001).
  Id org = 0;
  Id user = 0;
  std::unique_ptr<Store> store;
};

}  // namespace onboard::cloud::test
