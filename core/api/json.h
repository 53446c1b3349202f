// kubesim — objects in the real API shape (v1 / apps/v1 as a v1.34 API server returns them), and
// JSON text exactly as kubectl prints it.
//
// to_json(obj)   the object as `kubectl get X -o json|yaml` shows it: defaulted fields present,
//                omitempty zero values absent, timestamps RFC3339 ("2026-01-12T10:04:11Z"),
//                resourceVersion a string, no managedFields. nlohmann::json keeps object keys
//                sorted, which is the order kubectl prints (it re-marshals unstructured maps).
// from_json(j, obj, err)  the reverse, for manifests and patched objects: metadata and spec are
//                replaced from `j` (absent fields get API defaults); status is left untouched.
//                Type errors and unknown fields give the API server's words, e.g.
//                  Deployment in version "v1" cannot be handled as a Deployment: json: cannot
//                  unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32
//                  Deployment in version "v1" cannot be handled as a Deployment: strict decoding
//                  error: unknown field "spec.replica"
//                (callers prefix "Error from server (BadRequest): " and e.g. `error when creating "f.yaml": `).
// go_json_*      Go encoding/json text: HTML-safe escapes (\u003c \u003e \u0026), sorted keys,
//                MarshalIndent layout with 4 spaces for `-o json`.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/types.h"

namespace kubesim::api {

// [SECTION] object -> JSON --------------------------------------------------------------------------
nlohmann::json to_json(const Pod& o);
nlohmann::json to_json(const ReplicaSet& o);
nlohmann::json to_json(const Deployment& o);
nlohmann::json to_json(const Service& o);
nlohmann::json to_json(const Endpoints& o);
nlohmann::json to_json(const Node& o);
nlohmann::json to_json(const Namespace& o);
nlohmann::json to_json(const Event& o);

// Parts, for printers that show a piece (describe, rollout history --revision, patches).
nlohmann::json to_json(const ObjectMeta& m);
nlohmann::json to_json(const PodTemplateSpec& t);               // template form (no admission defaults)
nlohmann::json pod_spec_to_json(const PodSpec& s, bool is_template, const std::string& api_volume_name = "");
nlohmann::json container_to_json(const Container& c);           // template form (no volumeMounts)
nlohmann::json resources_to_json(const ResourceList& requests, const ResourceList& limits);  // {} if both empty

// `{"apiVersion":"v1","items":[…],"kind":"List","metadata":{"resourceVersion":""}}`: what kubectl
// prints for `get` of several objects (or of a type) with -o json/yaml.
nlohmann::json to_json_list(std::vector<nlohmann::json> items);

// The name of the service-account token volume the API server adds to a pod:
// "kube-api-access-" + 5 characters of the name-generator alphabet, derived from the pod's uid
// (deterministic; the same name is shown by describe and by -o yaml).
std::string kube_api_access_volume_name(const Pod& p);

// [SECTION] JSON -> object ------------------------------------------------------------------------
bool from_json(const nlohmann::json& j, Pod& o, std::string& err);
bool from_json(const nlohmann::json& j, ReplicaSet& o, std::string& err);
bool from_json(const nlohmann::json& j, Deployment& o, std::string& err);
bool from_json(const nlohmann::json& j, Service& o, std::string& err);
bool from_json(const nlohmann::json& j, Node& o, std::string& err);
bool from_json(const nlohmann::json& j, Namespace& o, std::string& err);

// The image pull policy the API server defaults: "Always" for ":latest" or no tag (and no
// digest), else "IfNotPresent".
std::string default_image_pull_policy(const std::string& image);

// [SECTION] Go-compatible JSON text ---------------------------------------------------------------
// json.Marshal: compact.
std::string go_json_marshal(const nlohmann::json& v);
// json.MarshalIndent(v, "", indent) (no trailing newline; kubectl's JSON printer adds one).
std::string go_json_indent(const nlohmann::json& v, const std::string& indent = "    ");
// The same for a typed object (one kubectl built or decoded into its Go struct, such as what
// `create` and `run` print): fields in the struct's declaration order, maps' keys sorted. (An
// object kubectl gets from the server is a map throughout: go_json_indent.)
std::string go_json_indent_typed(const nlohmann::json& v, const std::string& indent = "    ");
// A Go struct's JSON field names in declaration order, each with its own struct's when the field
// holds one (or a list of them); nullptr for maps and plain values (sorted keys, as Go writes maps).
struct GoStruct {
  std::vector<std::pair<std::string, const GoStruct*>> fields;
};
// json.MarshalIndent of a typed object described by `s`: a key not listed comes after the listed
// ones (sorted). For objects whose struct order differs from go_json_indent_typed's single ranking,
// such as corev1.Event (whose involvedObject lists namespace before name, and apiVersion after uid).
std::string go_json_indent_struct(const nlohmann::json& v, const GoStruct& s, const std::string& indent = "    ");
// corev1.EventList and its items, as `kubectl events -o json` prints them; a corev1.Event.
extern const GoStruct kGoEventList;
extern const GoStruct kGoEvent;
// A JSON string literal with Go's escaping.
std::string go_json_quote(const std::string& s);

// Go number formatting shared by the printers (yaml, go-template, jsonpath).
// strconv.FormatFloat(v, fmt, prec, 64) for fmt in 'e', 'f', 'g' (prec -1 = shortest).
std::string go_format_float(double v, char fmt, int prec);
// A JSON number as encoding/json writes it (integers verbatim; floats 'f' unless the magnitude
// is < 1e-6 or >= 1e21, then 'e' with a one-digit negative exponent like "1e-7").
std::string go_json_number(const nlohmann::json& v);

// fmt verbs over a JSON value decoded as Go's interface{} (objects are map[string]interface {},
// arrays []interface {}, integers int64, other numbers float64):
//   go_sprint      %v   "map[a:1 b:[x y]]", "<nil>", "1e+06"
//   go_sharp_v     %#v  `map[string]interface {}{"a":1, "b":[]interface {}{"x", "y"}}`
std::string go_sprint(const nlohmann::json& v);
std::string go_sharp_v(const nlohmann::json& v);
// strconv.Quote ("%q" of a string).
std::string go_quote(const std::string& s);

}  // namespace kubesim::api
