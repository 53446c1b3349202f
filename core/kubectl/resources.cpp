#include "kubectl/resources.h"

#include <algorithm>
#include <cctype>

namespace kubesim::kubectl {

const std::vector<ResourceType>& all_resources() {
  using K = store::Kind;
  static const std::vector<ResourceType> kAll = {
      {K::Pod, "pods", "pod", "Pod", "", "v1", true, {"po"}},
      {K::Deployment, "deployments", "deployment", "Deployment", "apps", "v1", true, {"deploy"}},
      {K::ReplicaSet, "replicasets", "replicaset", "ReplicaSet", "apps", "v1", true, {"rs"}},
      {K::Service, "services", "service", "Service", "", "v1", true, {"svc"}},
      {K::Endpoints, "endpoints", "endpoints", "Endpoints", "", "v1", true, {"ep"}},
      {K::Node, "nodes", "node", "Node", "", "v1", false, {"no"}},
      {K::Namespace, "namespaces", "namespace", "Namespace", "", "v1", false, {"ns"}},
      {K::Event, "events", "event", "Event", "", "v1", true, {"ev"}},
  };
  return kAll;
}

const ResourceType* resolve_resource(std::string_view word) {
  std::string w(word);
  std::transform(w.begin(), w.end(), w.begin(), [](unsigned char c) { return std::tolower(c); });
  std::string group;
  if (auto dot = w.find('.'); dot != std::string::npos) { group = w.substr(dot + 1); w = w.substr(0, dot); }
  for (auto& r : all_resources()) {
    bool name_match = w == r.plural || w == r.singular ||
                      std::find(r.short_names.begin(), r.short_names.end(), w) != r.short_names.end();
    if (!name_match) {
      std::string k = r.kind_name;
      std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return std::tolower(c); });
      name_match = (w == k);
    }
    if (!name_match) continue;
    if (!group.empty() && group != r.group && group != r.group + "/" + r.version && group != r.version + "." + r.group) {
      // "deployments.apps", "deployments.v1.apps" are fine; anything else is unknown
      if (!(r.group.empty() && (group == "v1" || group == "core"))) continue;
    }
    return &r;
  }
  return nullptr;
}

}  // namespace kubesim::kubectl
