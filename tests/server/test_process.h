// The real `vigil` binary from a test: one-shot commands, and `vigil serve`
// as a child process on a free port, stopped with SIGTERM.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace vigil::test {

inline std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs vigil with arguments (shell-quoted by the caller), without a seal key
// from the caller's environment, after `env` settings such as "VIGIL_NOW=...
// VIGIL_DB='...'" when given; returns stdout and stderr together.
inline std::string vigil(const std::string& args, int* exit_code = nullptr, const std::string& env = {}) {
  std::string command =
      "env -u VIGIL_SEAL_KEY -u VIGIL_SEAL_PUBLIC_KEY " + env + " '" + VIGIL_BINARY + "' " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  int status = pclose(pipe);
  if (exit_code) *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  return out;
}

// `vigil serve --listen 127.0.0.1:0 <args>`; port() is 0 when it did not come up.
class ServeProcess {
 public:
  ServeProcess(const std::filesystem::path& dir, const std::string& name, std::vector<std::string> args)
      : out_(dir / (name + ".out")), err_(dir / (name + ".err")) {
    using namespace std::chrono_literals;
    args.insert(args.begin(), {"vigil", "serve", "--listen", "127.0.0.1:0", "--log-level", "warn"});
    pid_ = fork();
    if (pid_ == 0) {
      int out = ::open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      int err = ::open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      dup2(out, 1);
      dup2(err, 2);
      std::vector<char*> argv;
      for (std::string& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      unsetenv("VIGIL_SEAL_KEY");  // a test that seals gives --seal-key
      execv(VIGIL_BINARY, argv.data());
      _exit(127);
    }
    const std::regex serving(R"(serving http://127\.0\.0\.1:(\d+))");
    for (int i = 0; i < 400; ++i) {
      std::smatch match;
      const std::string text = read_all(err_);
      if (std::regex_search(text, match, serving)) {
        port_ = static_cast<std::uint16_t>(std::stoi(match[1]));
        return;
      }
      std::this_thread::sleep_for(25ms);
    }
  }
  ~ServeProcess() {
    if (pid_ > 0 && !stopped_) stop();
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  std::uint16_t port() const { return port_; }
  std::string out() const { return read_all(out_); }
  std::string err() const { return read_all(err_); }

  // SIGTERM, then the exit status (-1 when a signal ended it).
  int stop() {
    stopped_ = true;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  std::filesystem::path out_, err_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  bool stopped_ = false;
};

}  // namespace vigil::test
