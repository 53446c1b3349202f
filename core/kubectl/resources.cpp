#include "kubectl/resources.h"

#include <algorithm>
#include <cctype>

#include "kubectl/commands.h"

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

// What a v1.34.0 API server with default feature gates serves (the group versions kubectl
// api-versions prints): the v1.33 aggregated discovery plus v1.34's GA promotions
// (storage.k8s.io/v1 volumeattributesclasses, resource.k8s.io/v1). Sorted as kubectl sorts them
// by default: by group (core first), then by name.
const std::vector<ApiResource>& api_resources() {
  static const char* kAll8 = "create,delete,deletecollection,get,list,patch,update,watch";
  static const char* kCreate = "create";
  static const std::vector<ApiResource> kResources = {
      {"bindings", "", "", "v1", true, "Binding", kCreate, ""},
      {"componentstatuses", "cs", "", "v1", false, "ComponentStatus", "get,list", ""},
      {"configmaps", "cm", "", "v1", true, "ConfigMap", kAll8, ""},
      {"endpoints", "ep", "", "v1", true, "Endpoints", kAll8, ""},
      {"events", "ev", "", "v1", true, "Event", kAll8, ""},
      {"limitranges", "limits", "", "v1", true, "LimitRange", kAll8, ""},
      {"namespaces", "ns", "", "v1", false, "Namespace", "create,delete,get,list,patch,update,watch", ""},
      {"nodes", "no", "", "v1", false, "Node", kAll8, ""},
      {"persistentvolumeclaims", "pvc", "", "v1", true, "PersistentVolumeClaim", kAll8, ""},
      {"persistentvolumes", "pv", "", "v1", false, "PersistentVolume", kAll8, ""},
      {"pods", "po", "", "v1", true, "Pod", kAll8, "all"},
      {"podtemplates", "", "", "v1", true, "PodTemplate", kAll8, ""},
      {"replicationcontrollers", "rc", "", "v1", true, "ReplicationController", kAll8, "all"},
      {"resourcequotas", "quota", "", "v1", true, "ResourceQuota", kAll8, ""},
      {"secrets", "", "", "v1", true, "Secret", kAll8, ""},
      {"serviceaccounts", "sa", "", "v1", true, "ServiceAccount", kAll8, ""},
      {"services", "svc", "", "v1", true, "Service", kAll8, "all"},
      {"mutatingwebhookconfigurations", "", "admissionregistration.k8s.io", "v1", false, "MutatingWebhookConfiguration", kAll8, "api-extensions"},
      {"validatingadmissionpolicies", "", "admissionregistration.k8s.io", "v1", false, "ValidatingAdmissionPolicy", kAll8, "api-extensions"},
      {"validatingadmissionpolicybindings", "", "admissionregistration.k8s.io", "v1", false, "ValidatingAdmissionPolicyBinding", kAll8, "api-extensions"},
      {"validatingwebhookconfigurations", "", "admissionregistration.k8s.io", "v1", false, "ValidatingWebhookConfiguration", kAll8, "api-extensions"},
      {"customresourcedefinitions", "crd,crds", "apiextensions.k8s.io", "v1", false, "CustomResourceDefinition", kAll8, "api-extensions"},
      {"apiservices", "", "apiregistration.k8s.io", "v1", false, "APIService", kAll8, "api-extensions"},
      {"controllerrevisions", "", "apps", "v1", true, "ControllerRevision", kAll8, ""},
      {"daemonsets", "ds", "apps", "v1", true, "DaemonSet", kAll8, "all"},
      {"deployments", "deploy", "apps", "v1", true, "Deployment", kAll8, "all"},
      {"replicasets", "rs", "apps", "v1", true, "ReplicaSet", kAll8, "all"},
      {"statefulsets", "sts", "apps", "v1", true, "StatefulSet", kAll8, "all"},
      {"selfsubjectreviews", "", "authentication.k8s.io", "v1", false, "SelfSubjectReview", kCreate, ""},
      {"tokenreviews", "", "authentication.k8s.io", "v1", false, "TokenReview", kCreate, ""},
      {"localsubjectaccessreviews", "", "authorization.k8s.io", "v1", true, "LocalSubjectAccessReview", kCreate, ""},
      {"selfsubjectaccessreviews", "", "authorization.k8s.io", "v1", false, "SelfSubjectAccessReview", kCreate, ""},
      {"selfsubjectrulesreviews", "", "authorization.k8s.io", "v1", false, "SelfSubjectRulesReview", kCreate, ""},
      {"subjectaccessreviews", "", "authorization.k8s.io", "v1", false, "SubjectAccessReview", kCreate, ""},
      {"horizontalpodautoscalers", "hpa", "autoscaling", "v2", true, "HorizontalPodAutoscaler", kAll8, "all"},
      {"cronjobs", "cj", "batch", "v1", true, "CronJob", kAll8, "all"},
      {"jobs", "", "batch", "v1", true, "Job", kAll8, "all"},
      {"certificatesigningrequests", "csr", "certificates.k8s.io", "v1", false, "CertificateSigningRequest", kAll8, ""},
      {"leases", "", "coordination.k8s.io", "v1", true, "Lease", kAll8, ""},
      {"endpointslices", "", "discovery.k8s.io", "v1", true, "EndpointSlice", kAll8, ""},
      {"events", "ev", "events.k8s.io", "v1", true, "Event", kAll8, ""},
      {"flowschemas", "", "flowcontrol.apiserver.k8s.io", "v1", false, "FlowSchema", kAll8, ""},
      {"prioritylevelconfigurations", "", "flowcontrol.apiserver.k8s.io", "v1", false, "PriorityLevelConfiguration", kAll8, ""},
      {"ingressclasses", "", "networking.k8s.io", "v1", false, "IngressClass", kAll8, ""},
      {"ingresses", "ing", "networking.k8s.io", "v1", true, "Ingress", kAll8, ""},
      {"ipaddresses", "ip", "networking.k8s.io", "v1", false, "IPAddress", kAll8, ""},
      {"networkpolicies", "netpol", "networking.k8s.io", "v1", true, "NetworkPolicy", kAll8, ""},
      {"servicecidrs", "", "networking.k8s.io", "v1", false, "ServiceCIDR", kAll8, ""},
      {"runtimeclasses", "", "node.k8s.io", "v1", false, "RuntimeClass", kAll8, ""},
      {"poddisruptionbudgets", "pdb", "policy", "v1", true, "PodDisruptionBudget", kAll8, ""},
      {"clusterrolebindings", "", "rbac.authorization.k8s.io", "v1", false, "ClusterRoleBinding", kAll8, ""},
      {"clusterroles", "", "rbac.authorization.k8s.io", "v1", false, "ClusterRole", kAll8, ""},
      {"rolebindings", "", "rbac.authorization.k8s.io", "v1", true, "RoleBinding", kAll8, ""},
      {"roles", "", "rbac.authorization.k8s.io", "v1", true, "Role", kAll8, ""},
      {"deviceclasses", "", "resource.k8s.io", "v1", false, "DeviceClass", kAll8, ""},
      {"resourceclaims", "", "resource.k8s.io", "v1", true, "ResourceClaim", kAll8, ""},
      {"resourceclaimtemplates", "", "resource.k8s.io", "v1", true, "ResourceClaimTemplate", kAll8, ""},
      {"resourceslices", "", "resource.k8s.io", "v1", false, "ResourceSlice", kAll8, ""},
      {"priorityclasses", "pc", "scheduling.k8s.io", "v1", false, "PriorityClass", kAll8, ""},
      {"csidrivers", "", "storage.k8s.io", "v1", false, "CSIDriver", kAll8, ""},
      {"csinodes", "", "storage.k8s.io", "v1", false, "CSINode", kAll8, ""},
      {"csistoragecapacities", "", "storage.k8s.io", "v1", true, "CSIStorageCapacity", kAll8, ""},
      {"storageclasses", "sc", "storage.k8s.io", "v1", false, "StorageClass", kAll8, ""},
      {"volumeattachments", "", "storage.k8s.io", "v1", false, "VolumeAttachment", kAll8, ""},
      {"volumeattributesclasses", "vac", "storage.k8s.io", "v1", false, "VolumeAttributesClass", kAll8, ""},
  };
  return kResources;
}

std::string unknown_resource_type_error(const std::string& word) {
  // RESTMapper.mappingFor: "plural", "singular", a short name, or any of them + "." + group.
  std::string res = word, group;
  if (auto dot = res.find('.'); dot != std::string::npos) {
    group = res.substr(dot + 1);
    res = res.substr(0, dot);
  }
  const std::string lower = to_lower(res);
  for (auto& r : api_resources()) {
    if (!group.empty() && group != r.group) continue;
    const std::string singular = to_lower(r.kind);
    const std::vector<std::string> shorts = split_csv(r.short_names);
    if (lower == r.name || lower == singular || std::find(shorts.begin(), shorts.end(), lower) != shorts.end())
      return std::string("kubesim does not simulate ") + r.name + " yet (it simulates pods, deployments, replicasets, "
             "services, endpoints, events, nodes and namespaces)";
  }
  return "the server doesn't have a resource type " + go_quote(res);
}

}  // namespace kubesim::kubectl
