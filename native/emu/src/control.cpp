// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// Test controls of the emulated device: failures injected into named entry points, and call counts
// (so a test can tell that an operation ran in several batches, or that a failure path was taken).
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "emu_internal.h"
#include "rfm4j_emu.h"

namespace {

struct Injection {
    std::string function;
    int status;
    int skip;
};

struct Controls {
    std::mutex mutex;
    std::vector<Injection> injections;
    std::unordered_map<std::string, uint64_t> calls;
};

Controls& controls() {
    static Controls* c = new Controls();
    return *c;
}

}  // namespace

extern "C" {

void rfm4j_emu_inject_failure(const char* function, int status, int skip) {
    Controls& c = controls();
    std::lock_guard<std::mutex> lock(c.mutex);
    c.injections.push_back(Injection{function, status, skip < 0 ? 0 : skip});
}

void rfm4j_emu_clear_failures(void) {
    Controls& c = controls();
    std::lock_guard<std::mutex> lock(c.mutex);
    c.injections.clear();
}

int rfm4j_emu_enter(const char* function) {
    Controls& c = controls();
    std::lock_guard<std::mutex> lock(c.mutex);
    ++c.calls[function];
    for (auto it = c.injections.begin(); it != c.injections.end(); ++it) {
        if (it->function != function) continue;
        if (it->skip > 0) {
            --it->skip;
            continue;
        }
        const int status = it->status;
        c.injections.erase(it);
        rfm4j::emu::report(std::string("injected failure: ") + function + " returns " + std::to_string(status));
        return status;
    }
    return 0;
}

uint64_t rfm4j_emu_calls(const char* function) {
    Controls& c = controls();
    std::lock_guard<std::mutex> lock(c.mutex);
    auto it = c.calls.find(function);
    return it == c.calls.end() ? 0 : it->second;
}

}  // extern "C"
