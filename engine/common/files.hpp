// reviewkit/common — reading inputs and writing outputs so that nothing is lost and nothing leaks.
//
// Inputs are read whole, only from regular files, up to a size limit, and never modified.
// Outputs are written to temporaries created exclusively (O_EXCL, never following a link, mode 0600
// for documents and 0700 for folders) beside their targets, and renamed into place only when all
// of them are complete: a failure, Ctrl-C or SIGTERM leaves nothing half-written, and an existing
// file is replaced only when the caller was told to (--force). docs/reliability.md says why.
#pragma once

#include <csignal>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reviewkit {

namespace detail {
struct Placement;
}

/// The largest file read_file reads unless told otherwise.
constexpr std::uintmax_t kMaxInputBytes = 256u << 20;

/// Reads a whole regular file of at most `limit` bytes. On failure returns nothing and sets `why`
/// to a sentence a user can act on ("no such file", "it is a folder", "it is larger than 32 MB").
std::optional<std::string> read_file(const std::filesystem::path& path, std::string& why,
                                     std::uintmax_t limit = kMaxInputBytes);

/// `path` without the slashes a user may type after a folder's name ("letters/" is "letters").
std::filesystem::path without_trailing_slash(const std::filesystem::path& path);

/// Why `path` cannot be an output (a folder, a device, a link, a missing folder), or nothing when
/// it can; `overwrite` says whether an existing regular file may be replaced.
std::optional<std::string> output_problem(const std::filesystem::path& path, bool overwrite);

/// A set of output files made complete before any of them appears. add() writes each to an
/// exclusive temporary beside its target; commit() renames them all into place, or none: when one
/// rename fails those already placed are removed again. Uncommitted temporaries are removed by the
/// destructor and by the SIGINT/SIGTERM handler.
class StagedFiles {
 public:
  StagedFiles();
  StagedFiles(const StagedFiles&) = delete;
  StagedFiles& operator=(const StagedFiles&) = delete;
  ~StagedFiles();

  bool add(const std::filesystem::path& target, std::string_view bytes, std::string& why);
  /// Moves every file into place, or none; a file it replaces (overwrite) is kept until the object
  /// is destroyed, so that undo() can still put it back.
  bool commit(bool overwrite, std::string& why);
  /// Takes a successful commit back (when a later output of the same run fails).
  void undo();

 private:
  struct File {
    std::filesystem::path target, temporary;
    int slot;
  };
  std::vector<File> files_;
  std::vector<detail::Placement> placed_;
};

/// Writes one file through StagedFiles: complete or not at all.
bool write_file_atomically(const std::filesystem::path& path, std::string_view bytes, std::string& why,
                           bool overwrite = false);

/// A folder of outputs built in a private staging folder (mode 0700, made with mkdtemp) and moved
/// into place at the end. While it exists it holds an advisory lock on the folder it is created in,
/// so two runs writing to the same place take turns instead of mixing their files. Staging folders
/// left by a process that was killed outright (SIGKILL, a power cut) are removed at the next run.
class StagedFolder {
 public:
  /// Prepares to write into `target` (created if missing). Returns nothing and sets `why` when
  /// the target cannot be used; `notes` gets lines a user should see (a stale folder removed, a
  /// wait for another run).
  static std::optional<StagedFolder> open(const std::filesystem::path& target, bool overwrite, std::string& why,
                                          std::vector<std::string>& notes);
  StagedFolder(StagedFolder&& other) noexcept;
  StagedFolder& operator=(StagedFolder&&) = delete;
  StagedFolder(const StagedFolder&) = delete;
  ~StagedFolder();

  /// Writes one file (a plain name, no folders) into the staging folder, exclusively.
  bool write(const std::string& name, std::string_view bytes, std::string& why);
  /// Moves every written file into the target, all or none.
  bool commit(std::string& why);
  const std::filesystem::path& target() const { return target_; }

 private:
  StagedFolder() = default;
  void discard();
  std::filesystem::path target_, staging_;
  bool target_existed_ = false, overwrite_ = false;
  std::string lock_key_;  ///< the parent folder whose lock this holds (shared within the process)
  int staging_fd_ = -1, slot_ = -1;
  std::vector<std::string> names_;
};

/// While one exists, SIGINT, SIGTERM and SIGHUP wait: held while a temporary is created and
/// registered, and while outputs are moved into place, so that no signal lands half-way.
class SignalsHeld {
 public:
  SignalsHeld();
  ~SignalsHeld();
  SignalsHeld(const SignalsHeld&) = delete;
  SignalsHeld& operator=(const SignalsHeld&) = delete;

 private:
  sigset_t old_;
};

/// Installs the SIGINT/SIGTERM handler that removes every uncommitted temporary file and staging
/// folder before the process ends with the signal. Called once by main().
void install_cleanup_on_signals();

/// Where reviewkit's data folders (templates/, checklists/) are: $REVIEWKIT_DATA, else
/// PREFIX/share/reviewkit beside an installed PREFIX/bin/reviewkit, else the nearest folder above
/// the executable that holds templates/ (a build in a checkout), else the source tree it was built from.
std::filesystem::path data_dir();
/// data_dir() and why it was chosen, for --version: "set by REVIEWKIT_DATA", "installed with the
/// program", "beside the program", "the source tree it was built from".
std::filesystem::path data_dir(std::string& why);

/// Random bytes from the kernel (getrandom), for temporary names and PDF owner passwords.
std::string random_bytes(std::size_t count);

}  // namespace reviewkit
