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

}  // namespace kubesim::kubectl
