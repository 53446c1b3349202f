// kubesim web — start-up options of the app, from the page URL (?seed=7&nodes=3&scenario=bootcamp
// &lang=ko&speed=2&paused=1&embed=1) or the native program's command line (--seed=7 …).
// No ImGui / GL: unit-tested natively.
#pragma once
#include <string>
#include <vector>

#include "engine.h"
#include "i18n.h"

namespace kubesim::web {

struct AppArgs {
  EngineOptions engine;      // seed, nodes, scenario (the page defaults to "bootcamp")
  Lang lang = Lang::En;
  bool embed = false;        // compact chrome for a blog embed
  double speed = 1.0;        // 1, 2, 5, 20 … (clamped to 0.05–100)
  bool paused = false;
  std::vector<std::string> errors;  // messages for unusable values (the default is kept)
};

// Words like "--seed=7", "--nodes", "3", "--lang=ko", "--embed". Unknown words are reported.
AppArgs parse_args(const std::vector<std::string>& words);

}  // namespace kubesim::web
