// kubesim — built-in starting states. A scenario is shell lines run through the engine right
// after `minikube start` (output discarded, time passing with `sleep`), so its state is exactly
// what a learner who typed those lines would have: same objects, same names, same ages.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kubesim::scenarios {

struct Scenario {
  std::string name;
  std::string description;
  std::string script;  // shell lines
};

const std::vector<Scenario>& builtin();
// nullptr if `name` is not a built-in scenario.
const Scenario* find(std::string_view name);

// Largest scenario file the engine accepts.
inline constexpr size_t kMaxScenarioBytes = 1u << 20;

}  // namespace kubesim::scenarios
