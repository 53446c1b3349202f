// kubesim — Kubernetes resource quantities ("100m", "0.5", "128Mi", "1G", "1e3"), parsed and
// printed like apimachinery's resource.Quantity (pkg/api/resource/quantity.go):
//   * the value is exact fixed point (never a float), rounded UP to nano precision;
//   * the suffix kind used when parsing (DecimalSI, BinarySI, DecimalExponent) is remembered and
//     reused when printing the canonical form: no fractional digits, exponent as large as possible
//     ("1.5" -> "1500m", "1.5Gi" -> "1536Mi", "2000" -> "2k", "0.5Ki" -> "512", "1e3" -> "1e3");
//   * errors in the API's own words.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "api/types.h"

namespace kubesim::api {

enum class QuantityFormat : uint8_t { DecimalSI, BinarySI, DecimalExponent };

struct Quantity {
  // value = mantissa * 10^scale (scale >= -9 after parsing).
  int64_t mantissa = 0;
  int32_t scale = 0;
  QuantityFormat format = QuantityFormat::DecimalSI;

  bool is_zero() const { return mantissa == 0; }
  // Canonical text, as the API server stores and kubectl prints it.
  std::string canonical() const;
  // Rounded up (toward +infinity) to whole units / thousandths, like Value() / MilliValue().
  int64_t value() const;
  int64_t milli_value() const;

  static Quantity from_milli(int64_t milli) { return Quantity{milli, -3, QuantityFormat::DecimalSI}; }
  static Quantity from_int(int64_t v, QuantityFormat f) { return Quantity{v, 0, f}; }
};

// The three parse errors, verbatim.
inline constexpr const char* kQuantityFormatError =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
inline constexpr const char* kQuantityNumericError = "unable to parse numeric part of quantity";
inline constexpr const char* kQuantitySuffixError = "unable to parse quantity's suffix";

// false + err (one of the texts above) on bad input. Never throws.
bool parse_quantity(std::string_view text, Quantity& out, std::string& err);

// [SECTION] ResourceList helpers (cpu and memory are kept as integers plus the text written)
// Set from user text ("250m", "64Mi"); stores the canonical text. false + err on bad input.
bool set_cpu(ResourceList& rl, std::string_view text, std::string& err);
bool set_memory(ResourceList& rl, std::string_view text, std::string& err);
// Canonical text of the cpu / memory entry ("" if unset).
std::string cpu_string(const ResourceList& rl);
std::string memory_string(const ResourceList& rl);
// Canonical text of a byte count printed as a kubelet reports capacities (BinarySI: "102625208Ki").
std::string binary_bytes_string(int64_t bytes);

}  // namespace kubesim::api
