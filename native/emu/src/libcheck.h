// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// Argument checks shared by the emulated cuBLAS and cuSOLVER: what the real libraries check (sizes,
// leading dimensions, enum values), plus what a GPU would only show as a crash or a wrong result
// (operands outside device memory, host scalars that are device pointers), reported on stderr.
#pragma once
#include <cstdint>
#include <mutex>
#include <set>
#include <string>

#include "rfm4j_emu.h"

namespace rfm4j {
namespace emu {
namespace check {

inline bool refuse(const char* fn, const std::string& why) {
    rfm4j_emu_report((std::string(fn) + ": " + why).c_str());
    return false;
}

/** A column-major rows x cols operand with leading dimension ld lies in one device allocation. */
inline bool deviceMatrix(const char* fn, const char* what, const void* p, int64_t rows, int64_t cols, int64_t ld,
                         size_t elem) {
    if (rows <= 0 || cols <= 0) return true;
    const uint64_t bytes = static_cast<uint64_t>((cols - 1) * ld + rows) * elem;
    if (rfm4j_emu_is_device_range(p, bytes)) return true;
    return refuse(fn, std::string(what) + " (" + std::to_string(rows) + " x " + std::to_string(cols) + ", leading dimension " +
                          std::to_string(ld) + ", " + std::to_string(bytes) + " bytes) is not inside one device allocation");
}

/** count bytes at p lie in one device allocation. */
inline bool deviceBytes(const char* fn, const char* what, const void* p, uint64_t bytes) {
    if (bytes == 0 || rfm4j_emu_is_device_range(p, bytes)) return true;
    return refuse(fn, std::string(what) + " (" + std::to_string(bytes) + " bytes) is not inside one device allocation");
}

/** alpha and beta live on the host (the pointer mode rfm4j uses). */
inline bool hostScalar(const char* fn, const char* what, const void* p) {
    if (p == nullptr) return refuse(fn, std::string(what) + " is null");
    if (rfm4j_emu_is_device_pointer(p)) return refuse(fn, std::string(what) + " is a device pointer, but the pointer mode is host");
    return true;
}

/** ld >= max(1, rows), as BLAS and LAPACK require. */
inline bool leading(const char* fn, const char* what, int64_t ld, int64_t rows) {
    const int64_t need = rows > 1 ? rows : 1;
    if (ld >= need) return true;
    return refuse(fn, std::string(what) + " = " + std::to_string(ld) + " is below max(1, " + std::to_string(rows) + ")");
}

/** The objects a library hands out (handles, params): one used after destroy, or destroyed twice, is refused. */
template <class T>
class Registry {
public:
    T* create(const T& value) {
        T* p = new T(value);
        std::lock_guard<std::mutex> lock(mutex_);
        live_.insert(p);
        return p;
    }
    bool live(const T* p) {
        std::lock_guard<std::mutex> lock(mutex_);
        return live_.count(const_cast<T*>(p)) != 0;
    }
    /** Deletes p; false (nothing done) when p is not live. */
    bool destroy(T* p) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (live_.erase(p) == 0) return false;
        }
        delete p;
        return true;
    }

private:
    std::mutex mutex_;
    std::set<T*> live_;
};

}  // namespace check
}  // namespace emu
}  // namespace rfm4j
