#include "cli.hpp"

#include <ostream>

#include "commands.hpp"
#include "common/files.hpp"
#include "common/suggest.hpp"

namespace reviewkit::cli {

namespace {

const char* kVersion = REVIEWKIT_VERSION;

void print_usage(std::ostream& out) {
  out << "reviewkit " << kVersion << " — the documents of child safeguarding case reviews, from one case file\n\n"
      << "Usage: reviewkit COMMAND [ARGUMENTS]\n\nCommands:\n";
  for (const auto& c : commands()) {
    std::string left = "  " + c.synopsis;
    out << left << "\n      " << c.summary << "\n";
  }
  out << "\n  reviewkit help COMMAND      the full help of one command\n"
      << "  reviewkit help case-file    every field of a case file\n"
      << "  reviewkit --version\n\n"
      << "Exit status: 0 done; 1 the input has problems to fix (each reported as file:line:col);\n"
      << "2 the command line is wrong. Diagnostics go to stderr.\n";
}

const Command* find_command(const std::string& name) {
  for (const auto& c : commands())
    if (c.name == name) return &c;
  return nullptr;
}

std::vector<std::string> command_names() {
  std::vector<std::string> names;
  for (const auto& c : commands()) names.push_back(c.name);
  return names;
}

int unknown_command(const std::string& name, std::ostream& err) {
  err << "reviewkit: error: unknown command '" << name << "'";
  std::string hint = did_you_mean(name, command_names());
  err << " (" << (hint.empty() ? "the commands are " + one_of(command_names()) + "." : hint)
      << " reviewkit --help says what each does)\n";
  return kUsage;
}

int help(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    print_usage(err);
    return kUsage;
  }
  const std::string& first = args[0];
  if (first == "--help" || first == "-h") {
    print_usage(out);
    return kDone;
  }
  if (first == "--version" || first == "-V") {
    std::string why;
    std::filesystem::path data = data_dir(why);
    out << "reviewkit " << kVersion << "\n"
        << "data: " << data.string() << " (" << why << "; REVIEWKIT_DATA=DIR chooses another)\n";
    return kDone;
  }
  if (first == "help") return help({args.begin() + 1, args.end()}, out, err);
  const Command* c = find_command(first);
  if (!c) return unknown_command(first, err);
  std::vector<std::string> rest(args.begin() + 1, args.end());
  for (const auto& a : rest) {
    if (a == "--help" || a == "-h") {
      out << c->help;
      return kDone;
    }
  }
  return c->run(rest, out, err);
}

namespace {

int help(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    print_usage(out);
    return kDone;
  }
  if (args[0] == "help") {
    out << "Usage: reviewkit help COMMAND\n\nPrints the full help of one command (reviewkit help letters), or every field\n"
           "of a case file (reviewkit help case-file). reviewkit --help lists the commands.\n";
    return kDone;
  }
  if (args[0] == "case-file") {
    out << case_file_reference();
    return kDone;
  }
  const Command* c = find_command(args[0]);
  if (!c) return unknown_command(args[0], err);
  out << c->help;
  return kDone;
}

}  // namespace

}  // namespace reviewkit::cli
