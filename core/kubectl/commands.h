// kubesim — kubectl internals shared by the command files (cmd_*.cpp): entry points, the error
// printing conventions of kubectl's cmdutil.CheckErr, resource-argument parsing as cli-runtime's
// resource.Builder does it, and the blocking helper that advances simulated time while a command
// waits (delete, wait, rollout status).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/types.h"
#include "kubectl/flags.h"
#include "kubectl/kubectl.h"
#include "kubectl/resources.h"
#include "store/store.h"

namespace kubesim { class Cluster; }

namespace kubesim::kubectl {

// [SECTION] versions this kubectl claims to be ---------------------------------------------------
inline constexpr const char* kClientVersion = "v1.34.1";
inline constexpr const char* kKustomizeVersion = "v5.7.1";

// The largest replica count the simulator accepts for one workload. Real validation allows any
// int32; kubesim refuses more than Kubernetes' own scalability limit of pods per cluster, so a
// typo like --replicas=1000000000 cannot freeze the page.
inline constexpr int64_t kMaxReplicas = 150000;

// A blocking command without its own --timeout stops waiting after this much simulated time
// (real kubectl would wait for a week or forever; a browser tab cannot).
inline constexpr int64_t kMaxBlockingWaitMs = 60LL * 60 * 1000;

// [SECTION] command entry points ------------------------------------------------------------------
// Each receives the words after its own name (flags anywhere, global flags included).
int cmd_create(const std::vector<std::string>& args, Env& env);       // cmd_create.cpp
int cmd_apply(const std::vector<std::string>& args, Env& env);        // cmd_create.cpp
int cmd_run(const std::vector<std::string>& args, Env& env);          // cmd_create.cpp
int cmd_top(const std::vector<std::string>& args, Env& env);          // cmd_misc.cpp
int cmd_expose(const std::vector<std::string>& args, Env& env);       // cmd_expose.cpp
int cmd_scale(const std::vector<std::string>& args, Env& env);        // cmd_scale.cpp
int cmd_set(const std::vector<std::string>& args, Env& env);          // cmd_set.cpp
int cmd_rollout(const std::vector<std::string>& args, Env& env);      // cmd_rollout.cpp
int cmd_patch(const std::vector<std::string>& args, Env& env);        // cmd_patch.cpp
int cmd_label(const std::vector<std::string>& args, Env& env);        // cmd_label.cpp
int cmd_annotate(const std::vector<std::string>& args, Env& env);     // cmd_label.cpp
int cmd_delete(const std::vector<std::string>& args, Env& env);       // cmd_delete.cpp
int cmd_logs(const std::vector<std::string>& args, Env& env);         // cmd_logs.cpp
int cmd_exec(const std::vector<std::string>& args, Env& env);         // cmd_exec.cpp
int cmd_proxy(const std::vector<std::string>& args, Env& env);        // cmd_proxy.cpp
int cmd_wait(const std::vector<std::string>& args, Env& env);         // cmd_wait.cpp
int cmd_version(const std::vector<std::string>& args, Env& env);      // cmd_misc.cpp
int cmd_cluster_info(const std::vector<std::string>& args, Env& env); // cmd_misc.cpp
int cmd_config(const std::vector<std::string>& args, Env& env);       // cmd_misc.cpp
int cmd_api_versions(const std::vector<std::string>& args, Env& env); // cmd_misc.cpp
int cmd_api_resources(const std::vector<std::string>& args, Env& env); // cmd_misc.cpp
int cmd_events(const std::vector<std::string>& args, Env& env);        // cmd_misc.cpp

// [SECTION] help texts (help.cpp) -----------------------------------------------------------------
// `kubectl`, `kubectl rollout status --help` … keyed by command path ("kubectl", "kubectl scale",
// "kubectl rollout status"). Empty if kubesim has no text for it.
std::string help_text(const std::string& command_path);
// `kubectl options`: kubectl's global flags, as v1.34 lists them.
std::string options_text();
// Commands listed by `kubectl --help`, used for "Did you mean this?" suggestions.
const std::vector<std::string>& root_command_names();

// [SECTION] errors in kubectl's words ---------------------------------------------------------------
// cmdutil.CheckErr for a plain error: "error: " prefix unless present, newline ensured; exit 1.
int print_error(Env& env, const std::string& msg);
// Prints `msg` as is (newline ensured); exit status 1. For "Error from server (…)" and
// "The Deployment \"x\" is invalid: …" texts.
int print_raw_error(Env& env, const std::string& msg);
// cmdutil.CheckErr for what a ContinueOnError visit collected: one error prints like print_error
// (API errors as they are), several print one per line with no "error: " added.
int print_errors(Env& env, const std::vector<std::string>& errors);
// cmdutil.UsageErrorf: "error: <msg>\nSee '<path> -h' for help and examples".
int usage_error(Env& env, const std::string& command_path, const std::string& msg);
// A store status as kubectl shows it: "Error from server (NotFound): deployments.apps \"x\" not found".
std::string api_error_text(const store::Status& st);
// apimachinery NewNotFound / NewAlreadyExists text for a resource type.
std::string not_found_text(const ResourceType& rt, const std::string& name);
// "The Deployment \"x\" is invalid: a: b" (one cause) or the multi-line "* …" form (several).
std::string invalid_text(const std::string& kind, const std::string& name, const std::vector<std::string>& causes);
// The same error as the StatusError's own Error(): "Deployment.apps \"x\" is invalid: a" or "…: [a, b]"
// (what kubectl prints when it wraps the error with fmt.Errorf, e.g. `create deployment`).
std::string invalid_status_message(const std::string& qualified_kind, const std::string& name,
                                   const std::vector<std::string>& causes);

// [SECTION] flags -----------------------------------------------------------------------------------
// Parses the command's flags. On a flag error prints "error: <pflag message>\nSee '<path> --help'
// for usage." (status 1); on -h/--help prints the help text (status 0). Returns false when the
// caller should return `status` right away.
bool parse_command_flags(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs,
                         const std::string& command_path, Env& env, ParsedFlags& out, int& status);
// The namespace a command works in: -n/--namespace, else the context's.
std::string namespace_of(const ParsedFlags& flags, const Env& env);
// Go time.ParseDuration; "" on success, else Go's error text (e.g. `time: invalid duration "x"`).
std::string parse_go_duration(const std::string& text, int64_t& ms);
// --request-timeout as client-go reads it: milliseconds (0 = none), or nothing when invalid.
std::optional<int64_t> request_timeout_ms(const std::string& text);
// cmdutil.GetDryRunStrategy: "" on success (mode = "none" | "client" | "server"), else its words.
std::string dry_run_mode(const ParsedFlags& flags, std::string& mode);
// A duration flag: "" or the pflag error text `invalid argument "x" for "--timeout" flag: time: …`.
std::string duration_flag(const ParsedFlags& flags, const std::string& name, const std::string& def, int64_t& ms);
// An int32 flag: "" or the pflag error text for a value out of int32 range.
std::string int32_flag(const ParsedFlags& flags, const std::string& name, char shorthand, int64_t def, int64_t& v);
// Splits a StringSlice flag value ("a,b") the way pflag's CSV reader does for simple values.
std::vector<std::string> split_csv(const std::string& s);

// [SECTION] resource arguments (cli-runtime resource.Builder) --------------------------------------
struct Target {
  const ResourceType* type = nullptr;
  std::string name;
  std::string namespace_;  // "" = the command's namespace
};
struct TargetArgs {
  std::vector<Target> named;                   // TYPE NAME… / TYPE/NAME…
  std::vector<const ResourceType*> types_only; // TYPE[,TYPE] without names
  bool slash_form = false;                     // the names came as TYPE/NAME
};
// "" on success, else the builder's error text (without "error: ").
std::string parse_targets(const std::vector<std::string>& args, TargetArgs& out);
// The builder's refusals when objects are also selected (-l, --field-selector, or an --all that
// selects): names cannot go with a selector, and a selector needs a type. "" when neither applies.
std::string selector_conflict(const TargetArgs& ta, bool selecting);
// The builder's error when no resource was given at all.
std::string missing_resource_text();
// TYPE-only arguments with -l / --all (selector "" = everything): the matching objects in list
// order, namespace `ns` or every namespace. "" or the error line ("Error from server (BadRequest): …").
std::string expand_selected(const Cluster& c, const std::vector<const ResourceType*>& types, const std::string& ns,
                            bool all_namespaces, const std::string& label_selector, std::vector<Target>& out);
// Finds the first word of `args` that is neither a flag nor a flag's value (per `specs` and the
// global flags); args.size() when there is none.
size_t find_command_word(const std::vector<std::string>& args, const std::vector<FlagSpec>& specs);

// [SECTION] printers of -o json|yaml|name|go-template|jsonpath|custom-columns (get.cpp) --------------
// Prints one object (or a List); false + err when printing fails part-way.
using GenericPrinter = std::function<bool(const nlohmann::json& obj, std::string& out, std::string& err)>;
// kubectl's PrintFlags.ToPrinter for the non-table formats, in its order: templates (jsonpath,
// go-template), json/yaml, custom columns, name. "" or the error to print.
std::string make_generic_printer(const std::string& output, const std::string& template_arg, bool no_headers,
                                 bool allow_missing_keys, GenericPrinter& printer);
// Whether `output` (-o, "" included) names one of PrintFlags' formats without tables (what
// create, run, config view and events print): "" if so, else kubectl's refusal.
std::string check_printer_format(const std::string& output);

// [SECTION] objects of any kind ------------------------------------------------------------------------
// `--record=true` (flags.change_cause set): whether it would change `m`'s kubernetes.io/change-cause
// annotation, and the change itself (genericclioptions.ChangeCauseRecorder).
bool records_change(const ParsedFlags& flags, const api::ObjectMeta& m);
void record_change(const ParsedFlags& flags, api::ObjectMeta& m);
// Metadata of a stored object, nullptr if absent. Cluster-scoped kinds ignore `ns`.
const api::ObjectMeta* find_meta(const Cluster& c, store::Kind kind, const std::string& ns, const std::string& name);
// The store key of an object of this type in namespace `ns`.
store::Key key_for(const ResourceType& rt, const std::string& ns, const std::string& name);
// Names (in list order) of the objects of a kind in a namespace ("" = all namespaces).
std::vector<store::Key> list_keys(const Cluster& c, store::Kind kind, const std::string& ns);
// Writes metadata changes through the store (labels, annotations). Kinds without an update call
// (Namespace, Event) report a clear error.
store::Status update_meta(Cluster& c, store::Kind kind, const store::Key& k,
                          const std::function<void(api::ObjectMeta&)>& fn);
// Name printer: "deployment.apps/x scaled\n" ("pod/x labeled\n").
std::string name_line(const ResourceType& rt, const std::string& name, const std::string& operation);
// Whether a namespace exists (for writes into it).
bool namespace_exists(const Cluster& c, const std::string& ns);

// [SECTION] validation in the API server's words -----------------------------------------------------
// IsDNS1123Subdomain / IsDNS1123Label / IsDNS1035Label messages (empty when valid).
std::vector<std::string> dns1123_subdomain_errors(const std::string& value);
std::vector<std::string> dns1123_label_errors(const std::string& value);
std::vector<std::string> dns1035_label_errors(const std::string& value);
// "field: Invalid value: \"v\": detail" (string values quoted as Go %q does).
std::string field_invalid(const std::string& field, const std::string& quoted_value, const std::string& detail);
std::string go_quote(const std::string& s);
// Validation of a workload's pod template (image present and trimmed, names, ports) and labels:
// the causes the API server would list, in its order.
std::vector<std::string> validate_pod_template(const api::PodTemplateSpec& t, const std::string& path);
// The containers of a pod spec at `path` (e.g. "spec" for a Pod, "spec.template.spec" in a template).
std::vector<std::string> validate_pod_spec(const api::PodSpec& spec, const std::string& path);
std::vector<std::string> validate_labels(const api::Labels& labels, const std::string& path);

// [SECTION] blocking on simulated time -----------------------------------------------------------------
enum class WaitResult { Done, TimedOut, Stuck };
// Evaluates `check` now and after every instant at which timers fire, until it returns true.
// timeout_ms < 0 means "no timeout" (kubesim then stops after kMaxBlockingWaitMs); Stuck means
// nothing is scheduled any more, so the world cannot change by itself.
WaitResult wait_until(Cluster& c, int64_t timeout_ms, const std::function<bool()>& check);
// Same, but also calls `on_change` after each instant (rollout status prints a line per update).
WaitResult wait_until_steps(Cluster& c, int64_t timeout_ms, const std::function<bool()>& after_step);
// What kubesim prints when it stops a wait that real kubectl would continue.
int gave_up_waiting(Env& env);
// A watch (kubectl get --watch, kubectl events --watch): runs the clock with `observer` told of
// every write, printing take() after each instant, to timeout_ms (--request-timeout; 0 = none:
// until nothing is scheduled within five minutes, then a note on stderr). Stops early when
// error() is not empty and prints it.
int watch_clock(Env& env, store::WriteObserver& observer, const std::function<std::string()>& take,
                const std::function<std::string()>& error, int64_t timeout_ms);

// [SECTION] misc -------------------------------------------------------------------------------------
bool starts_with(const std::string& s, const std::string& prefix);
std::string join(const std::vector<std::string>& v, const std::string& sep);
std::string to_lower(std::string s);
// The simulated API server's address ("https://192.168.49.2:8443").
std::string api_server_url(const Cluster& c);
std::string node_ip(const Cluster& c);

}  // namespace kubesim::kubectl
