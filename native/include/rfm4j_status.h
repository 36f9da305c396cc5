// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// Status codes shared with Java: the names (not only the ordinals) of org.rfm4j.ErrorCode.
// The JNI bridge looks the Java constant up by name, so a code Java lacks cannot crash.
#pragma once
#include <string>
#include <utility>

namespace rfm4j {

enum class Code : int {
    Ok = -1,
    InvalidArgument = 0,
    InvalidData = 1,
    Io = 2,
    OutOfMemory = 3,
    Numerical = 4,
    BackendUnavailable = 5,
    DeviceError = 6,
    Internal = 7,
};

/** The org.rfm4j.ErrorCode constant name of a code. */
inline const char* codeName(Code c) {
    switch (c) {
        case Code::InvalidArgument: return "INVALID_ARGUMENT";
        case Code::InvalidData: return "INVALID_DATA";
        case Code::Io: return "IO";
        case Code::OutOfMemory: return "OUT_OF_MEMORY";
        case Code::Numerical: return "NUMERICAL";
        case Code::BackendUnavailable: return "BACKEND_UNAVAILABLE";
        case Code::DeviceError: return "DEVICE_ERROR";
        case Code::Internal: return "INTERNAL";
        default: return "UNKNOWN";
    }
}

/** Result of an engine function: ok, or a code and a message for the Java exception. */
class Status {
public:
    Status() : code_(Code::Ok) {}
    Status(Code c, std::string m) : code_(c), message_(std::move(m)) {}
    static Status ok() { return Status(); }
    bool isOk() const { return code_ == Code::Ok; }
    Code code() const { return code_; }
    const std::string& message() const { return message_; }

private:
    Code code_;
    std::string message_;
};

}  // namespace rfm4j
