// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "dynlib.h"

#include <dlfcn.h>
#include <link.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "rfm4j_cuda_api.h"

namespace rfm4j {
namespace api {
namespace {
Functions g_fn = {};
}
const Functions& fn() { return g_fn; }
}  // namespace api

namespace {

std::mutex g_mutex;
bool g_loaded = false;
std::string g_report;

struct Place {
    std::string dir;  // empty: the dynamic loader's own search path
};

void splitInto(const std::string& list, std::vector<Place>* out) {
    size_t start = 0;
    while (start <= list.size()) {
        size_t end = list.find(':', start);
        if (end == std::string::npos) end = list.size();
        std::string d = list.substr(start, end - start);
        while (d.size() > 1 && d.back() == '/') d.pop_back();
        if (!d.empty()) out->push_back(Place{d});
        start = end + 1;
    }
}

std::vector<Place> places(const std::string& extraDirs) {
    std::vector<Place> out;
    splitInto(extraDirs, &out);
    if (const char* env = std::getenv("RFM4J_CUDA_LIBDIR")) splitInto(env, &out);
    out.push_back(Place{""});
    for (const char* var : {"CUDA_HOME", "CUDA_PATH"}) {
        const char* v = std::getenv(var);
        if (v != nullptr && *v != '\0') out.push_back(Place{std::string(v) + "/lib64"});
    }
    out.push_back(Place{"/usr/local/cuda/lib64"});
    // drop repeated folders, keeping the first
    std::vector<Place> unique;
    for (const Place& p : out) {
        bool seen = false;
        for (const Place& u : unique) seen = seen || (u.dir == p.dir);
        if (!seen) unique.push_back(p);
    }
    return unique;
}

std::string lastDlError() {
    const char* e = dlerror();
    return e != nullptr ? std::string(e) : std::string("unknown dlopen error");
}

std::string loadedPath(void* handle, const std::string& fallback) {
    struct link_map* lm = nullptr;
    if (dlinfo(handle, RTLD_DI_LINKMAP, &lm) == 0 && lm != nullptr && lm->l_name != nullptr && lm->l_name[0] != '\0') {
        return lm->l_name;
    }
    return fallback;
}

bool fileExists(const std::string& path) { return access(path.c_str(), F_OK) == 0; }

/** One consistent set of math libraries: a cuSOLVER, the cuBLAS it was built with, and what it needs. */
struct LibrarySet {
    const char* toolkit;
    std::string solver;
    std::string blas;
    std::vector<std::string> dependencies;  // preloaded from named folders, in this order
};

/** Newest first. */
const std::vector<LibrarySet>& librarySets() {
    static const std::vector<LibrarySet> sets = {
        {"CUDA 13", "libcusolver.so.12", "libcublas.so.13",
         {"libnvJitLink.so.13", "libcusparse.so.12", "libcublasLt.so.13", "libcublas.so.13"}},
        {"CUDA 12", "libcusolver.so.11", "libcublas.so.12",
         {"libnvJitLink.so.12", "libcusparse.so.12", "libcublasLt.so.12", "libcublas.so.12"}},
    };
    return sets;
}

/** Handles opened for one try, closed again when it fails. */
struct Opened {
    std::vector<void*> handles;
    void closeAll() {
        for (auto it = handles.rbegin(); it != handles.rend(); ++it) dlclose(*it);
        handles.clear();
    }
};

/** dir/name, or else the first other named folder that has name; empty when none has it. */
std::string findInFolders(const std::string& dir, const std::vector<Place>& where, const std::string& name) {
    if (fileExists(dir + "/" + name)) return dir + "/" + name;
    for (const Place& p : where) {
        if (!p.dir.empty() && fileExists(p.dir + "/" + name)) return p.dir + "/" + name;
    }
    return std::string();
}

/**
 * Loads each dependency from dir, or else from the first other named folder that has it (pip's
 * CUDA 12 wheels put cuBLAS, cuSPARSE and nvJitLink in folders of their own, beside cuSOLVER's), so
 * that cuSOLVER finds them by soname. Errors are ignored: cuSOLVER's own dlopen reports what matters.
 */
void preload(const std::string& dir, const std::vector<Place>& where, const std::vector<std::string>& names,
             Opened* opened) {
    for (const std::string& n : names) {
        const std::string path = findInFolders(dir, where, n);
        if (path.empty()) continue;
        void* h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (h != nullptr) {
            opened->handles.push_back(h);
        } else {
            (void)dlerror();
        }
    }
}

/**
 * Opens one set's cuSOLVER from one place, and so the cuBLAS it needs: cuSOLVER first, so that a
 * place lacking it never leaves a cuBLAS of that set loaded. Returns {solver, blas} handles, or
 * nulls with the try appended to *tries.
 */
std::pair<void*, void*> openSet(const Place& p, const LibrarySet& set, const std::vector<Place>& where,
                                std::string* tries, Opened* opened) {
    const std::string solverPath = p.dir.empty() ? set.solver : p.dir + "/" + set.solver;
    if (!p.dir.empty()) {
        if (!fileExists(solverPath)) {
            *tries += "\n    " + solverPath + ": no such file";
            return {nullptr, nullptr};
        }
        preload(p.dir, where, set.dependencies, opened);
    }
    void* solver = dlopen(solverPath.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (solver == nullptr) {
        *tries += "\n    " + solverPath + (p.dir.empty() ? " (loader path): " : ": ") + lastDlError();
        return {nullptr, nullptr};
    }
    opened->handles.push_back(solver);
    // already loaded, preloaded from a folder or as cuSOLVER's dependency: this finds that very copy
    std::string blasPath = p.dir.empty() ? std::string() : findInFolders(p.dir, where, set.blas);
    if (blasPath.empty()) blasPath = set.blas;
    void* blas = dlopen(blasPath.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (blas == nullptr) {
        *tries += "\n    " + blasPath + " (for " + solverPath + "): " + lastDlError();
        return {nullptr, nullptr};
    }
    opened->handles.push_back(blas);
    return {solver, blas};
}

template <class F>
bool resolve(void* h, const char* name, F* out, std::string* missing) {
    (void)dlerror();
    void* sym = dlsym(h, name);
    if (sym == nullptr) {
        if (!missing->empty()) *missing += ", ";
        *missing += name;
        return false;
    }
    *out = reinterpret_cast<F>(sym);
    return true;
}

#define RFM4J_RESOLVE(h, table, name, missing) resolve(h, #name, &(table).name, missing)

std::string versionString(int (*getProperty)(int, int*)) {
    int major = 0, minor = 0, patch = 0;
    if (getProperty(api::PROPERTY_MAJOR_VERSION, &major) != 0 || getProperty(api::PROPERTY_MINOR_VERSION, &minor) != 0 ||
        getProperty(api::PROPERTY_PATCH_LEVEL, &patch) != 0) {
        return "version unknown";
    }
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

/** Resolves every entry point rfm4j uses from a loaded set into *table; names what is missing. */
bool resolveAll(void* blas, void* solver, api::Functions* table, std::string* missing) {
    bool ok = true;
    ok &= RFM4J_RESOLVE(blas, *table, cublasCreate_v2, missing);
    ok &= RFM4J_RESOLVE(blas, *table, cublasDestroy_v2, missing);
    ok &= RFM4J_RESOLVE(blas, *table, cublasSetStream_v2, missing);
    ok &= RFM4J_RESOLVE(blas, *table, cublasSetMathMode, missing);
    ok &= RFM4J_RESOLVE(blas, *table, cublasGetProperty, missing);
    ok &= RFM4J_RESOLVE(blas, *table, cublasSgemm_v2, missing);
    ok &= RFM4J_RESOLVE(blas, *table, cublasDgemm_v2, missing);
    ok &= RFM4J_RESOLVE(blas, *table, cublasSsyrk_v2, missing);
    ok &= RFM4J_RESOLVE(blas, *table, cublasDsyrk_v2, missing);
    ok &= RFM4J_RESOLVE(solver, *table, cusolverDnCreate, missing);
    ok &= RFM4J_RESOLVE(solver, *table, cusolverDnDestroy, missing);
    ok &= RFM4J_RESOLVE(solver, *table, cusolverDnSetStream, missing);
    ok &= RFM4J_RESOLVE(solver, *table, cusolverGetProperty, missing);
    ok &= RFM4J_RESOLVE(solver, *table, cusolverDnCreateParams, missing);
    ok &= RFM4J_RESOLVE(solver, *table, cusolverDnDestroyParams, missing);
    ok &= RFM4J_RESOLVE(solver, *table, cusolverDnXpotrf_bufferSize, missing);
    ok &= RFM4J_RESOLVE(solver, *table, cusolverDnXpotrf, missing);
    ok &= RFM4J_RESOLVE(solver, *table, cusolverDnXpotrs, missing);
    ok &= RFM4J_RESOLVE(solver, *table, cusolverDnDsyevd_bufferSize, missing);
    ok &= RFM4J_RESOLVE(solver, *table, cusolverDnDsyevd, missing);
    return ok;
}

}  // namespace

Status loadMathLibraries(const std::string& extraDirs, std::string* report) {
    std::lock_guard<std::mutex> lock(g_mutex);
    if (g_loaded) {
        *report = g_report;
        return Status::ok();
    }
    const std::vector<Place> where = places(extraDirs);
    std::string tries;
    // the places in order and, in each, one consistent set, newest first: never a cuBLAS of one
    // toolkit beside a cuSOLVER of another
    for (const Place& place : where) {
        for (const LibrarySet& set : librarySets()) {
            Opened opened;
            const auto [solver, blas] = openSet(place, set, where, &tries, &opened);
            if (solver == nullptr) {
                opened.closeAll();
                continue;
            }
            api::Functions table = {};
            std::string missing;
            const std::string blasPath = loadedPath(blas, set.blas), solverPath = loadedPath(solver, set.solver);
            if (!resolveAll(blas, solver, &table, &missing)) {
                opened.closeAll();
                return Status(Code::BackendUnavailable,
                              "the " + std::string(set.toolkit) + " math libraries (" + blasPath + ", " + solverPath +
                                  ") lack " + missing + ": install a complete CUDA 12 or 13 toolkit (or its pip wheels)");
            }
            api::g_fn = table;
            g_report = "cuBLAS " + versionString(table.cublasGetProperty) + " (" + blasPath + "), cuSOLVER " +
                       versionString(table.cusolverGetProperty) + " (" + solverPath + ")";
            g_loaded = true;
            *report = g_report;
            return Status::ok();
        }
    }
    return Status(Code::BackendUnavailable,
                  "no complete set of cuBLAS and cuSOLVER found (CUDA 13: libcusolver.so.12 with libcublas.so.13; "
                  "CUDA 12: libcusolver.so.11 with libcublas.so.12): install the CUDA 12 or 13 math libraries, or "
                  "name their folder with -Drfm4j.cuda.libdir=DIR or RFM4J_CUDA_LIBDIR; tried:" + tries);
}

}  // namespace rfm4j
