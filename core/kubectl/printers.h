// kubesim — the table rows of `kubectl get` per kind (the API server's table convertor,
// pkg/printers/internalversion/printers.go) and the table layout of cli-runtime's table printer
// (tableprinter.go decorateTable/printTable). Shared by `kubectl get`, `kubectl get all` and the
// web inspector.
//
// A table here is plain data: column names and rows of cells. render_table() turns it into the
// TAB-separated text kubectl writes into its tabwriter (align it with tabwrite_get()).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/types.h"
#include "store/store.h"

namespace kubesim::kubectl {

struct ResourceType;

// [SECTION] cells shared with describe and the canvas --------------------------------------------
// The STATUS column of `kubectl get pods` (printPod): Running, Pending, ContainerCreating,
// ErrImagePull, ImagePullBackOff, CrashLoopBackOff, Completed, Error, Terminating, Unknown, …
std::string status_of_pod(const api::Pod& pod, int64_t now_ms);
// READY "<ready and running>/<containers>".
std::string pod_ready_cell(const api::Pod& pod);
// RESTARTS "0" or "3 (25s ago)".
std::string pod_restarts_cell(const api::Pod& pod, int64_t now_ms);
// labels.FormatLabels: "k=v,k2=v2" sorted by key, "<none>" when empty.
std::string format_labels(const api::Labels& labels);
// metav1.FormatLabelSelector for matchLabels selectors: "k=v,…" or "<none>".
std::string format_label_selector(const api::LabelSelector& sel);
// Service cells.
std::string service_ports_cell(const api::Service& svc);                 // "8080:31526/TCP" or "<none>"
std::string service_external_ip_cell(const api::Service& svc, bool wide);  // "<none>", "<pending>", …
std::string service_cluster_ip_cell(const api::Service& svc);             // first clusterIP or "<none>"
// ENDPOINTS of `get endpoints` (formatEndpoints): up to 3 "ip:port", then " + N more...".
std::string endpoints_cell(const api::Endpoints& ep);
// Node cells.
std::string node_status_cell(const api::Node& node);  // "Ready", "NotReady,SchedulingDisabled", "Unknown"
std::vector<std::string> node_roles(const api::Node& node);  // sorted, from node-role.kubernetes.io/<r>
std::string node_roles_cell(const api::Node& node);           // "control-plane" or "<none>"
std::string node_internal_ip(const api::Node& node);          // first InternalIP or "<none>"
std::string node_external_ip(const api::Node& node);          // first ExternalIP or "<none>"
// "nginx,sidecar" / "nginx:1.25,busybox" for CONTAINERS / IMAGES.
std::string container_names_cell(const std::vector<api::Container>& cs);
std::string container_images_cell(const std::vector<api::Container>& cs);

// [SECTION] tables -------------------------------------------------------------------------------
struct TableColumn {
  std::string name;       // as the table convertor names it ("Name", "Up-to-date", "Last Seen")
  bool wide_only = false;  // priority 1
  bool is_name = false;    // Format "name": gets the "kind/" prefix when several kinds are printed
};

struct TableRow {
  std::vector<std::string> cells;  // one per column (wide-only cells included)
  std::string namespace_;          // for the NAMESPACE column
  const api::Labels* labels = nullptr;  // for --show-labels / -L
};

struct Table {
  std::vector<TableColumn> columns;
  std::vector<TableRow> rows;
};

// The column definitions of a kind.
std::vector<TableColumn> table_columns(store::Kind kind);

// One row per object (all columns, wide ones included).
TableRow table_row(const api::Pod& o, int64_t now_ms);
TableRow table_row(const api::ReplicaSet& o, int64_t now_ms);
TableRow table_row(const api::Deployment& o, int64_t now_ms);
TableRow table_row(const api::Service& o, int64_t now_ms);
TableRow table_row(const api::Endpoints& o, int64_t now_ms);
TableRow table_row(const api::Node& o, int64_t now_ms);
TableRow table_row(const api::Namespace& o, int64_t now_ms);
TableRow table_row(const api::Event& o, int64_t now_ms);

struct TableOptions {
  bool wide = false;                      // -o wide
  bool no_headers = false;                // --no-headers
  bool with_namespace = false;            // -A on a namespaced kind: NAMESPACE column first
  std::string kind_prefix;                // "pod", "deployment.apps": NAME becomes "pod/x" ("" = none)
  bool show_labels = false;               // --show-labels: LABELS column last
  std::vector<std::string> label_columns;  // -L a,b: one column per key (header = last path part, upper case)
  bool print_header = true;               // false when the same columns were printed just before
};

// The TAB/LF text kubectl's table printer writes (not yet aligned). Empty when there are no rows.
std::string render_table(const Table& t, const TableOptions& opts);

// [SECTION] objects of any kind (shared by get and describe) ----------------------------------------
struct ObjectRef {
  store::Kind kind;
  const void* object;  // api::Pod, api::Deployment, … according to kind
};
const api::ObjectMeta& object_meta(ObjectRef r);
// strings.TrimSpace.
std::string trim_space(const std::string& s);
// The object as the API serves it (what -o json prints and templates read).
nlohmann::json json_of(ObjectRef r);
TableRow object_table_row(ObjectRef r, int64_t now_ms);
// Objects of a type in API list order (namespace, then name). Namespaced kinds: namespace `ns`,
// or every namespace with all_namespaces.
std::vector<ObjectRef> list_objects(const store::Store& s, const ResourceType& rt, const std::string& ns,
                                    bool all_namespaces);
std::optional<ObjectRef> find_object(const store::Store& s, const ResourceType& rt, const std::string& ns,
                                     const std::string& name);
// "pod", "deployment.apps": the lower-cased GroupKind that prefixes names ("pod/x").
std::string kind_prefix(const ResourceType& rt);

// [SECTION] resource arguments as cli-runtime's resource.Builder reads them ---------------------------
// `TYPE[,TYPE…]`, `TYPE NAME…`, `TYPE,TYPE NAME` (cross product), `TYPE/NAME…`, and the `all`
// category (pods, services, deployments.apps, replicasets.apps in discovery order).
struct ResourceRequest {
  const ResourceType* type = nullptr;
  bool is_list = false;  // every object of the type that matches the selectors
  std::string name;      // for a named request
};
struct ResourceRequests {
  std::vector<ResourceRequest> requests;
  bool single_item_implied = false;  // exactly one object named (printers show it alone, not in a List)
};
// "" on success, else the builder's error text (without "error: "), e.g.
// "the server doesn't have a resource type \"foo\"", "you must specify only one resource",
// "name cannot be provided when a selector is specified".
std::string parse_resource_args(std::vector<std::string> args, bool has_selector, bool all_namespaces,
                                ResourceRequests& out);

}  // namespace kubesim::kubectl
