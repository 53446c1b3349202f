// kubesim — `kubectl describe` (kubectl/pkg/describe/describe.go and pkg/cmd/describe/describe.go).
//
// Every describer writes TAB-separated lines into a tabwriter(minwidth 0, tabwidth 8, padding 2)
// and flushes it before the Events table, exactly as kubectl's tabbedString/DescribeEvents do.
#pragma once
#include <cstdint>
#include <string>

#include "api/types.h"
#include "store/store.h"

namespace kubesim::kubectl {

// The "Pod Template:" block of DescribePodTemplate, as raw TAB-separated lines (not aligned).
// `describe deployment|replicaset` runs it through its tabwriter; `kubectl rollout history
// --revision=N` prints it exactly like this (kubectl's printTemplate uses no tabwriter there, so
// the TABs reach the terminal).
std::string describe_pod_template(const api::PodTemplateSpec& tmpl);

// The whole description of one object (aligned, ending with a newline), or "" if it does not
// exist (times relative to s.now()). Cluster-scoped kinds ignore `ns`. `show_events` = --show-events (default true).
std::string describe_object(const store::Store& s, store::Kind kind, const std::string& ns, const std::string& name,
                            bool show_events = true);

// Individual describers (the object must be in the cluster's store for the related lookups:
// events, ReplicaSets, pods, endpoints).
std::string describe_pod(const store::Store& s, const api::Pod& pod, bool show_events = true);
std::string describe_deployment(const store::Store& s, const api::Deployment& d, bool show_events = true);
std::string describe_replicaset(const store::Store& s, const api::ReplicaSet& rs, bool show_events = true);
std::string describe_service(const store::Store& s, const api::Service& svc, bool show_events = true);
std::string describe_endpoints(const store::Store& s, const api::Endpoints& ep, bool show_events = true);
std::string describe_node(const store::Store& s, const api::Node& node, bool show_events = true);
std::string describe_namespace(const store::Store& s, const api::Namespace& ns);
std::string describe_event(const store::Store& s, const api::Event& ev, bool show_events = true);  // generic describer

}  // namespace kubesim::kubectl
