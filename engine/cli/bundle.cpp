// reviewkit bundle PATH... -o PACK.zip: documents of a case in one AES-256 zip with its own password.
#include <algorithm>
#include <filesystem>
#include <ostream>
#include <set>

#include "cli.hpp"
#include "commands.hpp"
#include "common/files.hpp"
#include "common/text.hpp"
#include "common/utf8.hpp"
#include "documents.hpp"
#include "ooxml/package.hpp"

namespace reviewkit::cli {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxBundleFiles = 10'000;
constexpr std::uintmax_t kMaxBundleBytes = 2ull << 30;

/// The regular files under `root` (itself a file, or a folder walked without following links), each
/// with its name in the zip: the folder's own name first ("letters/coroner.pdf").
bool collect(const fs::path& root, std::vector<std::pair<fs::path, std::string>>& out, std::string& why) {
  std::error_code ec;
  auto status = fs::symlink_status(root, ec);
  if (ec || !fs::exists(status)) {
    why = "no such file or folder";
    return false;
  }
  if (fs::is_symlink(status)) {
    why = "it is a symbolic link: give the file or folder it points to";
    return false;
  }
  std::string base = without_trailing_slash(root).filename().string();
  if (fs::is_regular_file(status)) {
    out.emplace_back(root, base);
    return true;
  }
  if (!fs::is_directory(status)) {
    why = "it is neither a file nor a folder";
    return false;
  }
  std::vector<std::pair<fs::path, std::string>> found;
  for (fs::recursive_directory_iterator it(root, fs::directory_options::none, ec), end; !ec && it != end; it.increment(ec)) {
    auto s = it->symlink_status(ec);
    if (ec) break;
    if (!fs::is_regular_file(s)) continue;  // links and devices are never followed into a pack
    std::string name = it->path().lexically_relative(root).generic_string();
    if (name.empty() || name.rfind("..", 0) == 0) continue;
    found.emplace_back(it->path(), base + "/" + name);
    if (out.size() + found.size() > kMaxBundleFiles) {
      why = "it holds more than " + std::to_string(kMaxBundleFiles) + " files";
      return false;
    }
  }
  if (ec) {
    why = "cannot read the folder: " + ec.message();
    return false;
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  out.insert(out.end(), found.begin(), found.end());
  return true;
}

}  // namespace

int bundle_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Parsed p = parse_arguments(args, {"-o", "--output", "--password-file"}, {"--force"}, "bundle", err);
  if (!p.ok) return kUsage;
  const std::string* output = p.option("-o") ? p.option("-o") : p.option("--output");
  if (p.positional.empty() || !output) {
    err << "reviewkit bundle: error: expected files or folders and -o PACK.zip (usage: reviewkit bundle PATH... -o PACK.zip "
           "[--password-file FILE])\n";
    return kUsage;
  }
  if (lower_extension(*output) != ".zip") {
    err << "reviewkit bundle: error: -o " << *output << " must end in .zip (bundle writes one zip)\n";
    return kUsage;
  }
  Diagnostics diags;
  std::vector<std::pair<fs::path, std::string>> files;
  for (const auto& path : p.positional) {
    std::string why;
    if (!collect(path, files, why)) diags.error(Location{path, 0, 0, {}, {}, 0}, "cannot be put in the pack: " + why);
  }
  // A copies run's passwords go separately from the copies they open, never in the same pack.
  for (const auto& [path, name] : files)
    if (path.filename() == "passwords.csv")
      diags.error(Location{path.string(), 0, 0, {}, {}, 0}, "holds the passwords of numbered copies, which must never travel with them",
                  "send the passwords by another route; move passwords.csv out of the folder and bundle it again");
  std::set<std::string> names;
  for (const auto& [path, name] : files)
    if (!names.insert(name).second)
      diags.error(Location{path.string(), 0, 0, {}, {}, 0}, "two files would have the same name in the pack ('" + name + "')",
                  "give folders with different names");
  std::error_code ec;
  if (fs::exists(*output, ec))
    for (const auto& [path, name] : files)
      if (fs::weakly_canonical(path) == fs::weakly_canonical(*output))
        diags.error(Location{path.string(), 0, 0, {}, {}, 0}, "is the pack being written", "write the pack somewhere else");
  std::vector<std::pair<std::string, std::string>> contents;
  std::uintmax_t total = 0;
  for (const auto& [path, name] : files) {
    if (diags.has_errors()) break;
    std::string why;
    auto bytes = read_file(path, why);
    if (!bytes) {
      diags.error(Location{path.string(), 0, 0, {}, {}, 0}, "cannot read the file: " + why);
      continue;
    }
    total += bytes->size();
    if (total > kMaxBundleBytes) {
      diags.error(Location{path.string(), 0, 0, {}, {}, 0}, "the pack would be larger than 2 GB", "make two packs");
      break;
    }
    contents.emplace_back(name, std::move(*bytes));
  }
  if (files.empty() && !diags.has_errors()) diags.error(Location{p.positional[0], 0, 0, {}, {}, 0}, "holds no files to pack");
  if (diags.has_errors()) {
    diags.print(err);
    err << "reviewkit bundle: " << count_problems(diags) << "; nothing was written\n";
    return kInputProblem;
  }
  int status = 0;
  auto password = read_password(p, "bundle", err, status, true);
  if (!password) return status;
  if (utf32(*password).size() < 12)
    err << "reviewkit bundle: warning: the password has fewer than 12 characters, which a program can guess in hours; "
           "a passphrase of four or more words is safer\n";
  std::string why;
  auto zip = ooxml::encrypted_zip(contents, *password, why);
  if (!zip) {
    err << *output << ": error: cannot make the pack: " << why << "\n";
    return kInputProblem;
  }
  if (!write_file_atomically(*output, *zip, why, p.option("--force") != nullptr)) {
    err << *output << ": error: cannot write the pack: " << why << "\n";
    return kInputProblem;
  }
  out << "wrote " << *output << ": " << counted(static_cast<long long>(contents.size()), "file")
      << ", each encrypted with AES-256; send the password separately from the pack, by another route\n";
  return kDone;
}

}  // namespace reviewkit::cli
