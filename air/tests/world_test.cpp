#include <gtest/gtest.h>
TEST(AirWorld, Placeholder) {}
