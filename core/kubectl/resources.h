// kubesim — resource type names as kubectl resolves them (plural, singular, short names,
// group-qualified forms like "deployments.apps").
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace kubesim::kubectl {

struct ResourceType {
  store::Kind kind;
  std::string plural;     // "deployments"
  std::string singular;   // "deployment"
  std::string kind_name;  // "Deployment"
  std::string group;      // "apps" or "" for core
  std::string version;    // "v1"
  bool namespaced = true;
  std::vector<std::string> short_names;  // "deploy"
  // "deployments.apps" / "pods": how API errors name the resource.
  std::string qualified_plural() const { return group.empty() ? plural : plural + "." + group; }
  // "deployment.apps" / "pod": the name printer's prefix.
  std::string qualified_singular() const { return group.empty() ? singular : singular + "." + group; }
  std::string api_version() const { return group.empty() ? version : group + "/" + version; }
};

// nullptr if unknown. Accepts plural, singular, short names, Kind (any case) and ".group" forms.
const ResourceType* resolve_resource(std::string_view word);
const std::vector<ResourceType>& all_resources();

// One resource of the server's discovery, as `kubectl api-resources` lists it (preferred versions
// only, no subresources).
struct ApiResource {
  const char* name;
  const char* short_names;  // comma-joined, in the server's order
  const char* group;        // "" = core
  const char* version;
  bool namespaced;
  const char* kind;
  const char* verbs;       // comma-joined, sorted (as the API server lists them)
  const char* categories;  // comma-joined
};

// What a v1.34.0 API server with default feature gates serves (the group versions kubectl
// api-versions prints), sorted as kubectl api-resources sorts them by default.
const std::vector<ApiResource>& api_resources();

// A TYPE argument that names no simulated resource: "the server doesn't have a resource type …",
// or, for a type a real v1.34 server has (api-resources lists it), that kubesim does not simulate it.
std::string unknown_resource_type_error(const std::string& word);

}  // namespace kubesim::kubectl
