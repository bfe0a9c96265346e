#include "timeline.h"

#include <simdjson.h>

#include <fstream>

#include "json_input.h"

namespace fake {

bool load_timeline(const std::string& path, std::vector<TimelineEvent>& events,
                   std::string& error) {
  std::ifstream file(path);
  if (!file) {
    error = path + ": cannot open the timeline file";
    return false;
  }

  simdjson::dom::parser parser;
  std::string line;
  for (int number = 1; std::getline(file, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto where = path + ":" + std::to_string(number) + ": ";

    simdjson::dom::object object;
    if (parser.parse(line).get(object) != simdjson::SUCCESS) {
      error = where + "not a JSON object";
      return false;
    }

    TimelineEvent event;
    if (!parse_target(object, event.target)) {
      error = where + "missing or invalid \"stream\"";
      return false;
    }
    std::string_view name;
    if (object["event"].get(name) != simdjson::SUCCESS) {
      error = where + "missing \"event\"";
      return false;
    }
    event.event = std::string(name);
    event.payload = parse_payload(object);
    events.push_back(std::move(event));
  }
  return true;
}

}  // namespace fake
