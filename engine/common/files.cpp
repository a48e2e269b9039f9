#include "files.hpp"

#include <map>
#include <mutex>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <system_error>

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace reviewkit {

namespace fs = std::filesystem;

struct detail::Placement {
  int dir;
  std::string name;
  int backup_dir;
  std::string backup;  ///< a hard link to the file `name` replaced, or empty
};

namespace {

std::string errno_text(int e) {
  switch (e) {
    case ENOENT: return "no such file";
    case EACCES:
    case EPERM: return "permission denied";
    case ENOSPC: return "the disk is full";
    case EDQUOT: return "the disk quota is used up";
    case EROFS: return "the disk is read-only";
    case ENOTDIR: return "a part of the path is not a folder";
    case ENAMETOOLONG: return "the name is too long";
    case ELOOP: return "the path is a symbolic link, which reviewkit does not follow for outputs";
    default: return std::strerror(e);
  }
}

std::string megabytes(std::uintmax_t bytes) { return std::to_string(bytes >> 20) + " MB"; }

// ---------------------------------------------------------------- cleanup when a signal arrives

// Temporary files and staging folders that a SIGINT or SIGTERM must remove. Slots are taken and
// released by the program and read by the handler, so each is published with an atomic flag and
// the handler uses only async-signal-safe calls (open, getdents64, unlinkat, rmdir, unlink).
constexpr int kSlots = 64;
struct Slot {
  std::atomic<int> kind{0};  // 0 free, 1 a file, 2 a folder of files
  char path[4096];
};
Slot g_slots[kSlots];

int take_slot(const fs::path& path, int kind) {
  const std::string& p = path.native();
  if (p.size() >= sizeof g_slots[0].path) return -1;
  for (int i = 0; i < kSlots; ++i) {
    int expected = 0;
    if (!g_slots[i].kind.compare_exchange_strong(expected, -1)) continue;
    std::memcpy(g_slots[i].path, p.c_str(), p.size() + 1);
    g_slots[i].kind.store(kind);
    return i;
  }
  return -1;  // all taken: the file is still removed on every path but a signal's
}

void release_slot(int& slot) {
  if (slot >= 0) g_slots[slot].kind.store(0);
  slot = -1;
}

struct LinuxDirent64 {
  std::uint64_t ino;
  std::int64_t off;
  unsigned short reclen;
  unsigned char type;
  char name[1];
};

void empty_folder_now(const char* path) {
  int fd = ::open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return;
  alignas(8) char buffer[8192];
  // Read the folder to its end, removing as it goes; then again from the start while a pass still
  // removed something (removing entries may shift those not yet read).
  for (int pass = 0; pass < 100; ++pass) {
    bool removed = false;
    for (;;) {
      long n = syscall(SYS_getdents64, fd, buffer, sizeof buffer);
      if (n <= 0) break;
      for (long at = 0; at < n;) {
        auto* d = reinterpret_cast<LinuxDirent64*>(buffer + at);
        at += d->reclen;
        if (std::strcmp(d->name, ".") == 0 || std::strcmp(d->name, "..") == 0) continue;
        if (::unlinkat(fd, d->name, 0) == 0) removed = true;
      }
    }
    if (!removed) break;
    ::lseek(fd, 0, SEEK_SET);
  }
  ::close(fd);
}

extern "C" void remove_temporaries_and_die(int sig) {
  for (auto& s : g_slots) {
    int kind = s.kind.load();
    if (kind == 1) ::unlink(s.path);
    if (kind == 2) {
      empty_folder_now(s.path);
      ::rmdir(s.path);
    }
  }
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

std::string random_suffix() {
  static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::string bytes = random_bytes(10), out;
  for (unsigned char c : bytes) out += letters[c % 62];
  return out;
}

// Creates `folder/prefix-RANDOM` exclusively, never through a link, mode 0600; returns its fd.
int create_exclusive(const fs::path& folder, const std::string& prefix, fs::path& made, int& error) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path candidate = folder / (prefix + random_suffix());
    int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd >= 0) {
      made = candidate;
      return fd;
    }
    if (errno != EEXIST) {
      error = errno;
      return -1;
    }
  }
  error = EEXIST;
  return -1;
}

bool write_all(int fd, std::string_view bytes, int& error) {
  std::size_t at = 0;
  while (at < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + at, bytes.size() - at);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno;
      return false;
    }
    at += static_cast<std::size_t>(n);
  }
  return true;
}

// rename that refuses to replace an existing entry unless told to.
int rename_into_place(int from_dir, const char* from, int to_dir, const char* to, bool overwrite) {
  if (overwrite) return ::renameat(from_dir, from, to_dir, to);
  if (::renameat2(from_dir, from, to_dir, to, RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL && errno != ENOSYS) return -1;
  // A filesystem without RENAME_NOREPLACE: link() refuses an existing name just as well.
  if (::linkat(from_dir, from, to_dir, to, 0) != 0) return -1;
  ::unlinkat(from_dir, from, 0);
  return 0;
}

using detail::Placement;

// Takes back what place() did, newest first: old files return, new ones go.
void undo_placements(std::vector<Placement>& journal) {
  for (auto it = journal.rbegin(); it != journal.rend(); ++it) {
    if (it->backup.empty()) ::unlinkat(it->dir, it->name.c_str(), 0);
    else ::renameat(it->backup_dir, it->backup.c_str(), it->dir, it->name.c_str());
  }
  journal.clear();
}

void forget(std::vector<Placement>& journal) {
  for (const auto& p : journal)
    if (!p.backup.empty()) ::unlinkat(p.backup_dir, p.backup.c_str(), 0);
  journal.clear();
}

const char* kStagingMark = ".reviewkit-partial-";

// The process id in a staging folder's name (PREFIX + "1234-AbC123", as mkdtemp makes it), or 0
// when the name is not exactly one of ours.
long staging_pid(const std::string& name, const std::string& prefix) {
  if (name.rfind(prefix, 0) != 0) return 0;
  std::size_t i = prefix.size(), digits = 0;
  long pid = 0;
  for (; i < name.size() && name[i] >= '0' && name[i] <= '9' && digits < 9; ++i, ++digits) pid = pid * 10 + (name[i] - '0');
  if (digits == 0 || i + 7 != name.size() || name[i] != '-') return 0;
  for (std::size_t k = i + 1; k < name.size(); ++k)
    if (!std::isalnum(static_cast<unsigned char>(name[k]))) return 0;
  return pid;
}

// Removes a staging folder left by a run that is gone: only a folder of ours (owned by this user,
// mode 0700, holding plain files only) whose own lock nobody holds; never through a link.
bool remove_stale_staging(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  bool ours = ::fstat(fd, &st) == 0 && st.st_uid == ::getuid() && (st.st_mode & 0777) == 0700;
  if (!ours || ::flock(fd, LOCK_EX | LOCK_NB) != 0) {  // a live run holds its staging folder's lock
    ::close(fd);
    return false;
  }
  DIR* dir = ::fdopendir(::dup(fd));
  std::vector<std::string> names;
  bool plain = dir != nullptr;
  while (dir) {
    dirent* e = ::readdir(dir);
    if (!e) break;
    std::string n = e->d_name;
    if (n == "." || n == "..") continue;
    struct stat est {};
    if (::fstatat(fd, n.c_str(), &est, AT_SYMLINK_NOFOLLOW) != 0 || S_ISDIR(est.st_mode)) plain = false;
    names.push_back(n);
  }
  if (dir) ::closedir(dir);
  if (plain)
    for (const auto& n : names) ::unlinkat(fd, n.c_str(), 0);
  ::close(fd);
  return plain && ::rmdir(path.c_str()) == 0;
}

// Moves `from` to `to`. With overwrite, what `to` was is first kept as a hard link `backup`, so
// that a later failure can put it back: an all-or-nothing commit must not lose the old file.
bool place(int from_dir, const std::string& from, int to_dir, const std::string& to, bool overwrite, int backup_dir,
           const std::string& backup, std::vector<Placement>& journal) {
  Placement p{to_dir, to, -1, {}};
  struct stat st {};
  if (overwrite && ::fstatat(to_dir, to.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)) {
    if (::linkat(to_dir, to.c_str(), backup_dir, backup.c_str(), 0) != 0) return false;
    p.backup_dir = backup_dir;
    p.backup = backup;
  }
  if (rename_into_place(from_dir, from.c_str(), to_dir, to.c_str(), overwrite) != 0) {
    int e = errno;
    if (!p.backup.empty()) ::unlinkat(backup_dir, backup.c_str(), 0);
    errno = e;
    return false;
  }
  journal.push_back(std::move(p));
  return true;
}

}  // namespace

SignalsHeld::SignalsHeld() {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&set, sig);
  ::pthread_sigmask(SIG_BLOCK, &set, &old_);
}

SignalsHeld::~SignalsHeld() { ::pthread_sigmask(SIG_SETMASK, &old_, nullptr); }

std::string random_bytes(std::size_t count) {
  std::string out(count, '\0');
  std::size_t at = 0;
  while (at < count) {
    ssize_t n = ::getrandom(out.data() + at, count - at, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::abort();  // no randomness at all: nothing safe can be made
    }
    at += static_cast<std::size_t>(n);
  }
  return out;
}

void install_cleanup_on_signals() {
  struct sigaction action {};
  action.sa_handler = remove_temporaries_and_die;
  sigemptyset(&action.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &action, nullptr);
}

std::optional<std::string> read_file(const fs::path& path, std::string& why, std::uintmax_t limit) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    why = errno == EISDIR ? "it is a folder, not a file" : errno_text(errno);
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    why = S_ISDIR(st.st_mode) ? "it is a folder, not a file" : "it is not a regular file (a device, a pipe or a socket)";
    ::close(fd);
    return std::nullopt;
  }
  if (static_cast<std::uintmax_t>(st.st_size) > limit) {
    why = "it is larger than " + megabytes(limit) + ", the most reviewkit reads for this kind of file";
    ::close(fd);
    return std::nullopt;
  }
  std::string out;
  out.resize(static_cast<std::size_t>(st.st_size));
  std::size_t at = 0;
  for (;;) {
    if (at == out.size()) {
      if (out.size() > limit) break;
      out.resize(out.size() + 65536);  // the file grew while it was read
    }
    ssize_t n = ::read(fd, out.data() + at, out.size() - at);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      why = "it could not be read to the end: " + errno_text(errno);
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    at += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (at > limit) {
    why = "it is larger than " + megabytes(limit) + ", the most reviewkit reads for this kind of file";
    return std::nullopt;
  }
  out.resize(at);
  return out;
}

fs::path without_trailing_slash(const fs::path& path) {
  std::string s = path.string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

std::optional<std::string> output_problem(const fs::path& path, bool overwrite) {
  fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  struct stat st {};
  if (::stat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return "the folder " + folder.string() + " does not exist";
  if (::lstat(path.c_str(), &st) != 0) return std::nullopt;
  if (S_ISLNK(st.st_mode)) return "it is a symbolic link; reviewkit writes only to plain files, never through a link";
  if (S_ISDIR(st.st_mode)) return "it is a folder, not a file";
  if (!S_ISREG(st.st_mode)) return "it is a device or another special file, not a plain file";
  if (!overwrite) return "the file already exists (use --force to replace it, or choose another name)";
  return std::nullopt;
}

// ---------------------------------------------------------------- StagedFiles

StagedFiles::StagedFiles() = default;

StagedFiles::~StagedFiles() {
  forget(placed_);
  for (auto& f : files_) {
    ::unlink(f.temporary.c_str());
    release_slot(f.slot);
  }
}

void StagedFiles::undo() {
  SignalsHeld held;
  undo_placements(placed_);
}

bool StagedFiles::add(const fs::path& target, std::string_view bytes, std::string& why) {
  if (auto problem = output_problem(target, true)) {
    why = *problem;
    return false;
  }
  fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  fs::path temporary;
  int error = 0;
  SignalsHeld held;  // until the temporary is registered for removal
  int fd = create_exclusive(folder, "." + target.filename().string() + ".reviewkit-tmp-", temporary, error);
  if (fd < 0) {
    why = "cannot write in " + folder.string() + ": " + errno_text(error);
    return false;
  }
  File f{target, temporary, take_slot(temporary, 1)};
  bool ok = write_all(fd, bytes, error) && (::fsync(fd) == 0 || (error = errno, false));
  if (::close(fd) != 0 && ok) {
    ok = false;
    error = errno;
  }
  if (!ok) {
    why = "writing failed: " + errno_text(error);
    ::unlink(temporary.c_str());
    release_slot(f.slot);
    return false;
  }
  files_.push_back(std::move(f));
  return true;
}

bool StagedFiles::commit(bool overwrite, std::string& why) {
  SignalsHeld held;
  forget(placed_);
  for (auto& f : files_) {
    fs::path backup = f.target.parent_path() / ("." + f.target.filename().string() + ".reviewkit-old-" + random_suffix());
    if (auto problem = output_problem(f.target, overwrite)) {
      why = f.target.string() + ": " + *problem;
    } else if (!place(AT_FDCWD, f.temporary.string(), AT_FDCWD, f.target.string(), overwrite, AT_FDCWD, backup.string(),
                      placed_)) {
      why = f.target.string() + ": " +
            (errno == EEXIST ? "the file already exists (use --force to replace it)" : "cannot put it in place: " + errno_text(errno));
    } else {
      release_slot(f.slot);
      continue;
    }
    undo_placements(placed_);  // all or nothing: what was replaced comes back
    return false;
  }
  for (auto& f : files_) release_slot(f.slot);
  files_.clear();
  return true;
}

bool write_file_atomically(const fs::path& path, std::string_view bytes, std::string& why, bool overwrite) {
  if (auto problem = output_problem(path, overwrite)) {
    why = *problem;
    return false;
  }
  StagedFiles staged;
  if (!staged.add(path, bytes, why)) return false;
  if (!staged.commit(overwrite, why)) {
    // commit prefixes the path; this function's callers name it themselves
    if (why.rfind(path.string() + ": ", 0) == 0) why = why.substr(path.string().size() + 2);
    return false;
  }
  return true;
}

// ---------------------------------------------------------------- StagedFolder

namespace {
// The folder locks this process holds, by folder: a lock is taken once and shared by every staged
// folder of the process beside it (flock on a second descriptor of the same folder would wait for
// the first, forever).
struct HeldLock {
  int fd = -1;
  int users = 0;
};
std::mutex& held_locks_mutex() {
  static std::mutex m;
  return m;
}
std::map<std::string, HeldLock>& held_locks() {
  static std::map<std::string, HeldLock> locks;
  return locks;
}

bool acquire_parent_lock(const fs::path& parent, std::string& why, std::vector<std::string>& notes) {
  {
    std::lock_guard<std::mutex> guard(held_locks_mutex());
    auto it = held_locks().find(parent.string());
    if (it != held_locks().end()) {
      ++it->second.users;
      return true;
    }
  }
  int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    why = "cannot open the folder " + parent.string() + ": " + errno_text(errno);
    return false;
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    notes.push_back("waiting for another reviewkit run that is writing in " + parent.string());
    while (::flock(fd, LOCK_EX) != 0 && errno == EINTR) {
    }
  }
  std::lock_guard<std::mutex> guard(held_locks_mutex());
  held_locks()[parent.string()] = HeldLock{fd, 1};
  return true;
}

void release_parent_lock(const std::string& key) {
  std::lock_guard<std::mutex> guard(held_locks_mutex());
  auto it = held_locks().find(key);
  if (it == held_locks().end()) return;
  if (--it->second.users > 0) return;
  ::close(it->second.fd);  // closing releases the lock
  held_locks().erase(it);
}
}  // namespace

std::optional<StagedFolder> StagedFolder::open(const fs::path& requested, bool overwrite, std::string& why,
                                               std::vector<std::string>& notes) {
  StagedFolder s;
  s.target_ = without_trailing_slash(requested);
  s.overwrite_ = overwrite;
  std::string last = s.target_.filename().string();
  if (last.empty() || last == "." || last == "..") {
    why = "name the folder itself (like letters), not '.' or '..'";
    return std::nullopt;
  }
  fs::path parent = s.target_.parent_path().empty() ? fs::path(".") : s.target_.parent_path();
  struct stat st {};
  if (::stat(parent.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    why = "the folder " + parent.string() + " does not exist (create it first)";
    return std::nullopt;
  }
  // One spelling for the lock, however the path was typed (out, ./out, ../here/out).
  std::error_code canonical_ec;
  fs::path real_parent = fs::canonical(parent, canonical_ec);
  if (!canonical_ec) {
    parent = real_parent;
    s.target_ = real_parent / last;
  }
  // Runs writing beside each other take turns: the lock is on the parent folder, taken once by a
  // process however many of its staged folders (a batch of document kinds) share the parent.
  if (!acquire_parent_lock(parent, why, notes)) return std::nullopt;
  s.lock_key_ = parent.string();
  if (::lstat(s.target_.c_str(), &st) == 0) {
    if (S_ISLNK(st.st_mode)) {
      why = "it is a symbolic link; reviewkit writes only into plain folders, never through a link";
      return std::nullopt;
    }
    if (!S_ISDIR(st.st_mode)) {
      why = "it is a file, not a folder (choose a folder for the letters)";
      return std::nullopt;
    }
    s.target_existed_ = true;
  }
  // Staging folders of runs that were killed outright are removed, and never taken for output.
  fs::path staging_home = s.target_existed_ ? s.target_ : parent;
  const std::string beside = "." + s.target_.filename().string() + kStagingMark;
  std::string own_prefix = s.target_existed_ ? std::string(kStagingMark) : beside;
  bool has_files = false;
  auto sweep = [&](const fs::path& folder, const std::string& prefix, bool count_files) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
      std::string name = entry.path().filename().string();
      long pid = staging_pid(name, prefix);
      if (pid > 0 && remove_stale_staging(entry.path())) {
        notes.push_back("removed " + entry.path().string() + ", left by an interrupted run (process " + std::to_string(pid) + ")");
        continue;
      }
      if (count_files) has_files = true;
    }
  };
  sweep(parent, beside, false);
  if (s.target_existed_) sweep(s.target_, kStagingMark, true);
  if (has_files && !overwrite) {
    why = "the folder is not empty (use --force to write into it, or choose an empty folder)";
    return std::nullopt;
  }
  std::string pattern = (staging_home / (own_prefix + std::to_string(::getpid()) + "-XXXXXX")).string();
  SignalsHeld held;  // until the staging folder is registered for removal
  if (!::mkdtemp(pattern.data())) {
    why = "cannot create a folder in " + staging_home.string() + ": " + errno_text(errno) + " (choose a folder you can write to)";
    return std::nullopt;
  }
  s.staging_ = pattern;
  s.slot_ = take_slot(s.staging_, 2);
  s.staging_fd_ = ::open(s.staging_.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (s.staging_fd_ < 0) {
    why = "cannot open " + s.staging_.string() + ": " + errno_text(errno);
    return std::nullopt;
  }
  ::flock(s.staging_fd_, LOCK_EX | LOCK_NB);  // while held, no other run takes it for stale
  return s;
}

StagedFolder::StagedFolder(StagedFolder&& o) noexcept
    : target_(std::move(o.target_)), staging_(std::move(o.staging_)), target_existed_(o.target_existed_),
      overwrite_(o.overwrite_), lock_key_(std::move(o.lock_key_)), staging_fd_(o.staging_fd_), slot_(o.slot_),
      names_(std::move(o.names_)) {
  o.lock_key_.clear();
  o.staging_fd_ = o.slot_ = -1;
  o.staging_.clear();
}

StagedFolder::~StagedFolder() {
  discard();
  if (!lock_key_.empty()) release_parent_lock(lock_key_);
}

void StagedFolder::discard() {
  if (staging_fd_ >= 0) {
    for (const auto& n : names_) ::unlinkat(staging_fd_, n.c_str(), 0);
    ::close(staging_fd_);
    staging_fd_ = -1;
  }
  if (!staging_.empty()) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
    staging_.clear();
  }
  release_slot(slot_);
}

bool StagedFolder::write(const std::string& name, std::string_view bytes, std::string& why) {
  if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..") {
    why = "'" + name + "' is not a plain file name";
    return false;
  }
  int fd = ::openat(staging_fd_, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    why = "cannot write " + name + ": " + errno_text(errno);
    return false;
  }
  names_.push_back(name);
  int error = 0;
  bool ok = write_all(fd, bytes, error);
  if (::close(fd) != 0 && ok) {
    ok = false;
    error = errno;
  }
  if (!ok) why = "cannot write " + name + ": " + errno_text(error);
  return ok;
}

bool StagedFolder::commit(std::string& why) {
  SignalsHeld held;
  ::syncfs(staging_fd_);
  if (!target_existed_) {
    // The staging folder becomes the target, in one step. Where the filesystem cannot refuse to
    // replace (no RENAME_NOREPLACE), the lock and a check that nothing is there stand in for it.
    int rc = ::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, target_.c_str(), RENAME_NOREPLACE);
    struct stat st {};
    if (rc != 0 && (errno == EINVAL || errno == ENOSYS) && ::lstat(target_.c_str(), &st) != 0)
      rc = ::rename(staging_.c_str(), target_.c_str());
    if (rc != 0) {
      why = errno == EEXIST || errno == ENOTEMPTY ? "something of that name appeared while the letters were made"
                                                 : "cannot move the folder into place: " + errno_text(errno);
      return false;
    }
    ::close(staging_fd_);
    staging_fd_ = -1;
    names_.clear();
    staging_.clear();
    release_slot(slot_);
    return true;
  }
  int target_fd = ::open(target_.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (target_fd < 0) {
    why = "cannot open the folder: " + errno_text(errno);
    return false;
  }
  std::vector<Placement> placed;
  for (const auto& n : names_) {
    // A file replaced (--force) is kept as a link in the staging folder until all are in place.
    if (place(staging_fd_, n, target_fd, n, overwrite_, staging_fd_, ".old-" + n, placed)) continue;
    why = "cannot move " + n + " into place: " +
          (errno == EEXIST ? "a file of that name is already there (use --force to replace it)" : errno_text(errno));
    undo_placements(placed);  // all or nothing: the old files come back, the new ones go
    ::close(target_fd);
    return false;
  }
  forget(placed);
  ::close(target_fd);
  names_.clear();
  discard();
  return true;
}

fs::path data_dir(std::string& why) {
  if (const char* env = std::getenv("REVIEWKIT_DATA"); env && *env) {
    why = "set by REVIEWKIT_DATA";
    return fs::path(env);
  }
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    // Installed: PREFIX/bin/reviewkit reads PREFIX/share/reviewkit (cmake --install).
    fs::path installed = exe.parent_path().parent_path() / "share" / "reviewkit";
    if (fs::is_directory(installed / "templates" / "boards", ec)) {
      why = "installed with the program";
      return installed;
    }
    // Built: build/reviewkit reads the checkout above it.
    for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
      if (fs::is_directory(dir / "templates" / "boards", ec)) {
        why = "beside the program";
        return dir;
      }
    }
  }
  why = "the source tree it was built from";
  return fs::path(REVIEWKIT_SOURCE_DIR);
}

fs::path data_dir() {
  std::string why;
  return data_dir(why);
}

}  // namespace reviewkit
