// Errors as values across module boundaries.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace mastotail {

// Category of a failure; app/exit_code maps each one to a process exit status.
enum class ErrorKind {
  kUsage,         // bad flag, value or configuration (exit 2)
  kAuth,          // token rejected or missing scope (exit 3)
  kNotFound,      // stream, list, tag or API missing (exit 4)
  kRetriesSpent,  // gave up reconnecting (exit 5)
  kTls,           // certificate verification failed (exit 6)
  kNetwork,       // transient: DNS, refused, reset, timeout (exit 1 if final)
  kProtocol,      // malformed data from the server (exit 1 if final)
  kIo,            // local file or stdout failure (exit 1)
  kInternal,      // anything else (exit 1)
};

// A failure with its category and a "context: reason" message. The message
// is plain text for stderr; it must never contain a token.
struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;
};

// Either a value or an Error. Access to the wrong alternative is a bug and
// throws std::bad_variant_access.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}
  Result(Error error) : data_(std::move(error)) {}

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() { return std::get<0>(data_); }
  const T& value() const { return std::get<0>(data_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(data_); }
  Error take_error() { return std::move(std::get<1>(data_)); }

 private:
  std::variant<T, Error> data_;
};

// Result of an operation that produces no value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), ok_(false) {}

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace mastotail
