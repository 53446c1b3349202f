// kubesim — the three patch types of `kubectl patch --type strategic|merge|json`, applied to an
// object's JSON (api::to_json) the way the API server applies them:
//   * merge (RFC 7386): objects merge recursively, null deletes, anything else replaces;
//   * strategic (the default): like merge, but lists with a patch merge key are merged by that
//     key (containers/initContainers/env/volumes/imagePullSecrets by "name", container ports by
//     "containerPort", service ports by "port", volumeMounts by "mountPath", conditions by
//     "type", ownerReferences by "uid"), finalizers are merged as a set, other lists replaced;
//     directives: {"$patch": "delete"|"replace"} in maps and list items,
//     "$deleteFromPrimitiveList/<field>", "$setElementOrder/<field>" (ordering honoured),
//     "$retainKeys" (ignored);
//   * json (RFC 6902): add, remove, replace, move, copy, test with JSON pointers.
// The result is the patched object JSON; decode it with api::from_json to validate it.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

namespace kubesim::kubectl {

// RFC 7386 JSON merge patch.
nlohmann::json merge_patch(const nlohmann::json& target, const nlohmann::json& patch);

// Strategic merge patch (merge keys of the core/v1 and apps/v1 schema, see above).
bool strategic_merge_patch(const nlohmann::json& original, const nlohmann::json& patch, nlohmann::json& result,
                           std::string& err);

// RFC 6902 JSON patch; `patch` must be an array of operations. Error texts follow
// evanphx/json-patch (the API server's library), e.g.
//   replace operation does not apply: doc is missing key: /spec/replica: missing value
bool json_patch(const nlohmann::json& original, const nlohmann::json& patch, nlohmann::json& result, std::string& err);

// kubectl patch: `type` is "strategic" (or ""), "merge" or "json" (any case); `patch_text` is
// the -p value (YAML or JSON). Errors:
//   --type must be one of [json merge strategic], not "x"
//   unable to parse "<patch>": yaml: line 1: did not find expected node content
// and the patch application errors above.
bool apply_patch(const std::string& type, const nlohmann::json& original, const std::string& patch_text,
                 nlohmann::json& result, std::string& err);

}  // namespace kubesim::kubectl
