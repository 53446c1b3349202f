// kubesim — pod-template-hash: the label value that names a Deployment's ReplicaSets
// (`kubernetes-bootcamp-5485cc6795`). Upstream `controller.ComputeHash` runs FNV-1a (32 bit) over
// a deterministic deep dump of the PodTemplateSpec, mixes in status.collisionCount as 8
// little-endian bytes when it is set, prints the uint32 in decimal and maps every digit through
// apimachinery's `rand.SafeEncodeString` (0→4 1→5 2→6 3→7 4→8 5→9 6→b 7→c 8→d 9→f).
// Our dump is our own canonical text of the template, so values differ from a real cluster but
// have the same shape (1–10 characters of `456789bcdf`).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api/types.h"

namespace kubesim::controllers {

inline constexpr uint32_t kFnv32Offset = 2166136261u;
inline constexpr uint32_t kFnv32Prime = 16777619u;

// FNV-1a, 32 bit; `h` lets callers continue a running hash.
uint32_t fnv1a32(std::string_view data, uint32_t h = kFnv32Offset);

// apimachinery util/rand SafeEncodeString: each byte b becomes alphabet[b % 27] with the
// alphabet "bcdfghjklmnpqrstvwxz2456789".
std::string safe_encode_string(std::string_view s);

// A canonical, field-by-field text of a pod template (every field, fixed order, maps sorted),
// the stand-in for go-spew's `%#v` dump that upstream hashes.
std::string dump_pod_template(const api::PodTemplateSpec& t);

// ComputeHash(template, collisionCount).
std::string compute_pod_template_hash(const api::PodTemplateSpec& t, std::optional<int32_t> collision_count);

// The label key every Deployment-owned ReplicaSet and pod carries.
inline constexpr const char* kPodTemplateHashLabel = "pod-template-hash";

}  // namespace kubesim::controllers
