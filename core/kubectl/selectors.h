// kubesim — label selectors (`-l app=x,tier!=y,env in (a,b),!k,k`) and field selectors
// (`--field-selector status.phase=Running,spec.nodeName=minikube`), parsed and matched the way the
// API server does it (apimachinery labels.Parse / fields.ParseSelector and the per-kind field
// label conversions), with the same error words.
//
// A selector problem reaches the user as the API server's BadRequest, decorated by kubectl's
// EnhanceListError:
//   Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector
//   "app=", field selector "": <detail>
// selector_error() builds that line from the detail the parse/check functions return.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "api/types.h"
#include "store/store.h"

namespace kubesim::kubectl {

struct ResourceType;

// [SECTION] label selectors
struct LabelRequirement {
  enum class Op { In, NotIn, Equals, DoubleEquals, NotEquals, Exists, DoesNotExist, GreaterThan, LessThan };
  std::string key;
  Op op = Op::Exists;
  std::vector<std::string> values;  // sorted, unique (as sets.String.List() gives them)
  bool matches(const api::Labels& labels) const;
  std::string str() const;  // "app=x", "env in (a,b)", "!k"
};

struct LabelSelector {
  std::vector<LabelRequirement> requirements;  // sorted by key (stable), all must match
  bool empty() const { return requirements.empty(); }
  bool matches(const api::Labels& labels) const;
  std::string str() const;
};

// Returns "" on success, else the parser's message, e.g.
//   "found ',', expected: identifier after ','"
//   "unable to parse requirement: <nil>: Invalid value: \"a b\": name part must consist of ..."
std::string parse_label_selector(std::string_view text, LabelSelector& out);

// [SECTION] field selectors
struct FieldRequirement {
  std::string field;
  bool negate = false;  // "!="
  std::string value;
};
struct FieldSelector {
  std::vector<FieldRequirement> terms;  // in sorted term order
  bool empty() const { return terms.empty(); }
};

// Returns "" on success, else e.g. "invalid selector: 'x'; can't understand 'x'".
std::string parse_field_selector(std::string_view text, FieldSelector& out);

// Whether every field of the selector may be used with this kind; "" or the API server's
// words: "field label not supported: spec.foo" (kinds with their own field labels: pods, nodes,
// namespaces, events, replicasets) or "\"spec.foo\" is not a known field selector: only
// \"metadata.name\", \"metadata.namespace\"" (the others).
std::string check_field_selector(store::Kind kind, const FieldSelector& sel);

// Field values as the API server's GetAttrs exposes them, per kind.
bool field_selector_matches(const api::Pod& o, const FieldSelector& sel);
bool field_selector_matches(const api::ReplicaSet& o, const FieldSelector& sel);
bool field_selector_matches(const api::Deployment& o, const FieldSelector& sel);
bool field_selector_matches(const api::Service& o, const FieldSelector& sel);
bool field_selector_matches(const api::Endpoints& o, const FieldSelector& sel);
bool field_selector_matches(const api::Node& o, const FieldSelector& sel);
bool field_selector_matches(const api::Namespace& o, const FieldSelector& sel);
bool field_selector_matches(const api::Event& o, const FieldSelector& sel);

// [SECTION] errors
// "/v1, Resource=pods", "apps/v1, Resource=deployments" (GroupVersionResource.String()).
std::string group_version_resource(const ResourceType& rt);
// The whole stderr line (without trailing newline), see the header comment.
std::string selector_error(const ResourceType& rt, std::string_view label_selector, std::string_view field_selector,
                           std::string_view detail);

// Validation messages of apimachinery (exposed for reuse, e.g. `kubectl label`).
// IsQualifiedName / IsValidLabelValue: empty vector when valid.
std::vector<std::string> label_key_errors(std::string_view key);
std::vector<std::string> label_value_errors(std::string_view value);

}  // namespace kubesim::kubectl
