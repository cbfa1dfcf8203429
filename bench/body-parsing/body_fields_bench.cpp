// How the cloud reads INTERNAL info and HARDWARE_SYNC bodies of 2 KB and 64 KB:
// one split() pass (what it does now) against the index loop it used to run
// (Fields::at(i) for every i, which walks from the start each time).
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>
#include <vector>

#include "onboard/protocol/blynk/body.hpp"

namespace {

using onboard::blynk::Fields;

// "vr" NUL "0" NUL "1" ... up to `size` bytes: a HARDWARE_SYNC for many pins.
std::string sync_body(std::size_t size) {
  std::string body = "vr";
  for (int pin = 0; body.size() + 5 < size; pin = (pin + 1) % 256) {
    body.push_back('\0');
    body += std::to_string(pin);
  }
  return body;
}

// "ver" NUL "1.3.2" NUL "k1" NUL "v1" ...: an INTERNAL info with many pairs.
std::string info_body(std::size_t size) {
  std::string body = "ver";
  body.push_back('\0');
  body += "1.3.2";
  for (int i = 0; body.size() + 12 < size; ++i) {
    body.push_back('\0');
    body += "k" + std::to_string(i);
    body.push_back('\0');
    body += "value";
  }
  return body;
}

// The reading the cloud does per message: every field once.
std::size_t read_split(std::string_view body, std::vector<std::string_view>& scratch) {
  const Fields fields(body);
  scratch.resize(fields.count());
  fields.split(scratch.data(), scratch.size());
  std::size_t bytes = 0;
  for (auto f : scratch) bytes += f.size();
  return bytes;
}

std::size_t read_by_index(std::string_view body) {
  const Fields fields(body);
  const std::size_t n = fields.count();
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < n; ++i) bytes += fields.at(i).size();
  return bytes;
}

template <std::string (*Make)(std::size_t)>
void BM_Split(benchmark::State& state) {
  const auto body = Make(static_cast<std::size_t>(state.range(0)));
  std::vector<std::string_view> scratch;
  for (auto _ : state) benchmark::DoNotOptimize(read_split(body, scratch));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
}

template <std::string (*Make)(std::size_t)>
void BM_ByIndex(benchmark::State& state) {
  const auto body = Make(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(read_by_index(body));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(body.size()));
}

BENCHMARK_TEMPLATE(BM_Split, sync_body)->Arg(2048)->Arg(65535)->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(BM_ByIndex, sync_body)->Arg(2048)->Arg(65535)->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(BM_Split, info_body)->Arg(2048)->Arg(65535)->Unit(benchmark::kMicrosecond);
BENCHMARK_TEMPLATE(BM_ByIndex, info_body)->Arg(2048)->Arg(65535)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
