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

/**
 * Loads each dependency from dir, or else from the first other named folder that has it (pip's
 * CUDA 12 wheels put cuSPARSE and nvJitLink in folders of their own, beside cuSOLVER's). Errors
 * are ignored: the main dlopen reports what matters.
 */
void preload(const std::string& dir, const std::vector<Place>& where, const std::vector<std::string>& names) {
    for (const std::string& n : names) {
        std::string path = dir + "/" + n;
        for (size_t k = 0; !fileExists(path) && k < where.size(); ++k) {
            if (!where[k].dir.empty()) path = where[k].dir + "/" + n;
        }
        if (fileExists(path)) {
            if (dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL) == nullptr) (void)dlerror();
        }
    }
}

/**
 * Tries sonames (newest first) in each place; returns the handle or nullptr, appending each try
 * to *tries.
 */
void* openLibrary(const std::vector<Place>& where, const std::vector<std::string>& sonames,
                  const std::vector<std::string>& folderDeps, std::string* tries, std::string* soname) {
    for (const Place& p : where) {
        for (const std::string& so : sonames) {
            std::string target = p.dir.empty() ? so : p.dir + "/" + so;
            if (!p.dir.empty() && !fileExists(target)) {
                *tries += "\n    " + target + ": no such file";
                continue;
            }
            if (!p.dir.empty()) preload(p.dir, where, folderDeps);
            void* h = dlopen(target.c_str(), RTLD_NOW | RTLD_LOCAL);
            if (h != nullptr) {
                *soname = so;
                return h;
            }
            *tries += "\n    " + target + (p.dir.empty() ? " (loader path): " : ": ") + lastDlError();
        }
    }
    return nullptr;
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

}  // namespace

Status loadMathLibraries(const std::string& extraDirs, std::string* report) {
    std::lock_guard<std::mutex> lock(g_mutex);
    if (g_loaded) {
        *report = g_report;
        return Status::ok();
    }
    std::vector<Place> where = places(extraDirs);
    api::Functions table = {};
    std::string tries, soBlas, soSolver, missing;

    void* blas = openLibrary(where, {"libcublas.so.13", "libcublas.so.12"}, {"libcublasLt.so.13", "libcublasLt.so.12"},
                             &tries, &soBlas);
    if (blas == nullptr) {
        return Status(Code::BackendUnavailable,
                      "cuBLAS not found (install the CUDA 12 or 13 math libraries, or name their folder with "
                      "-Drfm4j.cuda.libdir=DIR or RFM4J_CUDA_LIBDIR); tried:" + tries);
    }
    bool ok = true;
    ok &= RFM4J_RESOLVE(blas, table, cublasCreate_v2, &missing);
    ok &= RFM4J_RESOLVE(blas, table, cublasDestroy_v2, &missing);
    ok &= RFM4J_RESOLVE(blas, table, cublasSetStream_v2, &missing);
    ok &= RFM4J_RESOLVE(blas, table, cublasSetMathMode, &missing);
    ok &= RFM4J_RESOLVE(blas, table, cublasGetProperty, &missing);
    ok &= RFM4J_RESOLVE(blas, table, cublasSgemm_v2, &missing);
    ok &= RFM4J_RESOLVE(blas, table, cublasDgemm_v2, &missing);
    ok &= RFM4J_RESOLVE(blas, table, cublasSsyrk_v2, &missing);
    ok &= RFM4J_RESOLVE(blas, table, cublasDsyrk_v2, &missing);
    std::string blasPath = loadedPath(blas, soBlas);
    if (!ok) {
        return Status(Code::BackendUnavailable, "cuBLAS at " + blasPath + " lacks " + missing);
    }

    tries.clear();
    void* solver = openLibrary(where, {"libcusolver.so.12", "libcusolver.so.11"},
                               {"libnvJitLink.so.13", "libnvJitLink.so.12", "libcusparse.so.12", "libcublasLt.so.13",
                                "libcublasLt.so.12", "libcublas.so.13", "libcublas.so.12"},
                               &tries, &soSolver);
    if (solver == nullptr) {
        return Status(Code::BackendUnavailable,
                      "cuSOLVER not found (cuBLAS was: " + blasPath + "; install cuSOLVER, or name its folder with "
                      "-Drfm4j.cuda.libdir=DIR or RFM4J_CUDA_LIBDIR); tried:" + tries);
    }
    ok = true;
    ok &= RFM4J_RESOLVE(solver, table, cusolverDnCreate, &missing);
    ok &= RFM4J_RESOLVE(solver, table, cusolverDnDestroy, &missing);
    ok &= RFM4J_RESOLVE(solver, table, cusolverDnSetStream, &missing);
    ok &= RFM4J_RESOLVE(solver, table, cusolverGetProperty, &missing);
    ok &= RFM4J_RESOLVE(solver, table, cusolverDnSpotrf_bufferSize, &missing);
    ok &= RFM4J_RESOLVE(solver, table, cusolverDnDpotrf_bufferSize, &missing);
    ok &= RFM4J_RESOLVE(solver, table, cusolverDnSpotrf, &missing);
    ok &= RFM4J_RESOLVE(solver, table, cusolverDnDpotrf, &missing);
    ok &= RFM4J_RESOLVE(solver, table, cusolverDnSpotrs, &missing);
    ok &= RFM4J_RESOLVE(solver, table, cusolverDnDpotrs, &missing);
    ok &= RFM4J_RESOLVE(solver, table, cusolverDnDsyevd_bufferSize, &missing);
    ok &= RFM4J_RESOLVE(solver, table, cusolverDnDsyevd, &missing);
    std::string solverPath = loadedPath(solver, soSolver);
    if (!ok) {
        return Status(Code::BackendUnavailable, "cuSOLVER at " + solverPath + " lacks " + missing);
    }
    api::g_fn = table;
    g_report = "cuBLAS " + versionString(table.cublasGetProperty) + " (" + blasPath + "), cuSOLVER " +
               versionString(table.cusolverGetProperty) + " (" + solverPath + ")";
    g_loaded = true;
    *report = g_report;
    return Status::ok();
}

}  // namespace rfm4j
