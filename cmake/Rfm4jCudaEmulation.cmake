# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0

# The emulated CUDA device (native/emu), built by native/CMakeLists.txt instead of the real library
# when RFM4J_CUDA_EMULATION is ON: no nvcc, no GPU, and every CUDA thread a host thread. Layout under
# RFM4J_EMU_OUTPUT_DIR:
#   librfm4j_cuda.so      the JNI library from the same engine, JNI bridge and kernels (as host C++),
#                         plus the test controls of org.rfm4j.cuda.EmulatedDevice
#   librfm4j_cudaemu.so   the emulated CUDA runtime: memory, streams, launches, failure injection
#   cuda13/               libcublas.so.13 (+ libcublasLt.so.13), libcusolver.so.12 (+ libcusparse.so.12,
#                         libnvJitLink.so.13): the CUDA 13 set the loader looks for first
#   cuda12/               the CUDA 12 set: libcublas.so.12, libcublasLt.so.12, libcusolver.so.11, ...
#   emu_dynlib_test       the loader (dynlib.cpp) on its own, for the library-set tests
#   emu_emulator_test     the emulator's own tests (barriers, shuffles, errors it must raise)
#   emu_emulator_test_tsan  the same under ThreadSanitizer (where the compiler has it)
# The emulated libraries find librfm4j_cudaemu.so through their RPATH, but their cuBLASLt, cuSPARSE
# and nvJitLink only as the real ones do: preloaded by rfm4j's loader from the same folder.

option(RFM4J_EMU_SANITIZE "Build the emulated device with AddressSanitizer and UndefinedBehaviorSanitizer" ON)
set(RFM4J_EMU_OUTPUT_DIR "${CMAKE_BINARY_DIR}/emu" CACHE PATH "Where the emulated device's libraries go")

find_package(Threads REQUIRED)

set(_rfm4j_emu_compile -g -O1 -fno-omit-frame-pointer -Wall -Wextra)
set(_rfm4j_emu_link "")
if(RFM4J_EMU_SANITIZE)
  list(APPEND _rfm4j_emu_compile -fsanitize=address,undefined -fno-sanitize-recover=undefined)
  set(_rfm4j_emu_link -fsanitize=address,undefined)
endif()

function(rfm4j_emu_library target output_dir)
  target_compile_options(${target} PRIVATE ${_rfm4j_emu_compile})
  target_link_options(${target} PRIVATE ${_rfm4j_emu_link} "LINKER:--no-as-needed")
  set_target_properties(${target} PROPERTIES
    LIBRARY_OUTPUT_DIRECTORY "${output_dir}"
    RUNTIME_OUTPUT_DIRECTORY "${output_dir}"
    POSITION_INDEPENDENT_CODE ON
    SKIP_BUILD_RPATH ON
    BUILD_WITH_INSTALL_RPATH ON)
endfunction()

# the emulated runtime
add_library(rfm4j_cudaemu SHARED emu/src/runtime.cpp emu/src/launch.cpp emu/src/control.cpp)
target_include_directories(rfm4j_cudaemu PUBLIC emu/include PRIVATE emu/src)
target_link_libraries(rfm4j_cudaemu PRIVATE Threads::Threads)
rfm4j_emu_library(rfm4j_cudaemu "${RFM4J_EMU_OUTPUT_DIR}")

# the JNI library: rfm4j's own sources, the kernels as C++
set_source_files_properties(${RFM4J_KERNEL_SOURCES} PROPERTIES LANGUAGE CXX COMPILE_OPTIONS "-xc++")
add_library(rfm4j_cuda SHARED ${RFM4J_HOST_SOURCES} ${RFM4J_KERNEL_SOURCES} emu/src/jni_emulated_device.cpp)
target_compile_definitions(rfm4j_cuda PRIVATE RFM4J_CUDA_EMULATION=1 RFM4J_SKIP_API_CHECK=1)
target_include_directories(rfm4j_cuda BEFORE PRIVATE emu/include)
target_include_directories(rfm4j_cuda PRIVATE include src src/jni src/kernels)
target_link_libraries(rfm4j_cuda PRIVATE rfm4j::jni_headers rfm4j_cudaemu ${CMAKE_DL_LIBS} Threads::Threads)
rfm4j_emu_library(rfm4j_cuda "${RFM4J_EMU_OUTPUT_DIR}")
set_target_properties(rfm4j_cuda PROPERTIES INSTALL_RPATH "$ORIGIN")

# the emulated math libraries, one folder per CUDA major
function(rfm4j_emu_stub target file dir symbol)
  add_library(${target} SHARED emu/src/stub.cpp)
  target_compile_definitions(${target} PRIVATE RFM4J_EMU_STUB=${symbol})
  rfm4j_emu_library(${target} "${dir}")
  string(REGEX REPLACE "^lib([^.]+)(\\..*)$" "\\1" _name "${file}")
  string(REGEX REPLACE "^lib[^.]+(\\..*)$" "\\1" _suffix "${file}")
  set_target_properties(${target} PROPERTIES OUTPUT_NAME "${_name}" SUFFIX "${_suffix}")
endfunction()

foreach(_major 13 12)
  math(EXPR _solver_major "${_major} - 1")
  set(_dir "${RFM4J_EMU_OUTPUT_DIR}/cuda${_major}")
  rfm4j_emu_stub(rfm4j_emu_cublaslt${_major} "libcublasLt.so.${_major}" "${_dir}" cublasLtGetVersion)
  rfm4j_emu_stub(rfm4j_emu_cusparse${_major} "libcusparse.so.12" "${_dir}" cusparseGetVersion)
  rfm4j_emu_stub(rfm4j_emu_nvjitlink${_major} "libnvJitLink.so.${_major}" "${_dir}" nvJitLinkVersion)

  add_library(rfm4j_emu_cublas${_major} SHARED emu/src/cublas.cpp)
  target_compile_definitions(rfm4j_emu_cublas${_major} PRIVATE RFM4J_EMU_LIB_MAJOR=${_major})
  target_include_directories(rfm4j_emu_cublas${_major} BEFORE PRIVATE emu/include)
  target_include_directories(rfm4j_emu_cublas${_major} PRIVATE include emu/src)
  target_link_libraries(rfm4j_emu_cublas${_major} PRIVATE rfm4j_emu_cublaslt${_major} rfm4j_cudaemu)
  rfm4j_emu_library(rfm4j_emu_cublas${_major} "${_dir}")
  set_target_properties(rfm4j_emu_cublas${_major} PROPERTIES OUTPUT_NAME cublas SUFFIX ".so.${_major}"
    INSTALL_RPATH "$ORIGIN/..")

  add_library(rfm4j_emu_cusolver${_major} SHARED emu/src/cusolver.cpp)
  target_compile_definitions(rfm4j_emu_cusolver${_major} PRIVATE RFM4J_EMU_LIB_MAJOR=${_solver_major})
  target_include_directories(rfm4j_emu_cusolver${_major} BEFORE PRIVATE emu/include)
  target_include_directories(rfm4j_emu_cusolver${_major} PRIVATE include emu/src)
  target_link_libraries(rfm4j_emu_cusolver${_major} PRIVATE rfm4j_emu_cublas${_major} rfm4j_emu_cublaslt${_major}
    rfm4j_emu_cusparse${_major} rfm4j_emu_nvjitlink${_major} rfm4j_cudaemu)
  rfm4j_emu_library(rfm4j_emu_cusolver${_major} "${_dir}")
  set_target_properties(rfm4j_emu_cusolver${_major} PROPERTIES OUTPUT_NAME cusolver SUFFIX ".so.${_solver_major}"
    INSTALL_RPATH "$ORIGIN/..")
endforeach()

# the emulator's own tests (scripts/cuda-emu-test.sh)
add_executable(emu_emulator_test emu/test/emulator_test.cpp)
target_link_libraries(emu_emulator_test PRIVATE rfm4j_cudaemu)
target_compile_options(emu_emulator_test PRIVATE ${_rfm4j_emu_compile})
target_link_options(emu_emulator_test PRIVATE ${_rfm4j_emu_link})
set_target_properties(emu_emulator_test PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${RFM4J_EMU_OUTPUT_DIR}"
  BUILD_RPATH "${RFM4J_EMU_OUTPUT_DIR}")

# the same tests under ThreadSanitizer, the emulated runtime compiled into them: its slowdown moves
# the host threads' interleavings where the races of the barriers and the thread pool show (a false
# divergence report once failed three runs in four here, and one CI run in several without it)
include(CheckCXXSourceCompiles)
set(CMAKE_REQUIRED_FLAGS -fsanitize=thread)
set(CMAKE_REQUIRED_LINK_OPTIONS -fsanitize=thread)
check_cxx_source_compiles("int main() { return 0; }" RFM4J_EMU_HAVE_TSAN)
unset(CMAKE_REQUIRED_FLAGS)
unset(CMAKE_REQUIRED_LINK_OPTIONS)
if(RFM4J_EMU_HAVE_TSAN)
  add_executable(emu_emulator_test_tsan emu/test/emulator_test.cpp emu/src/runtime.cpp emu/src/launch.cpp
    emu/src/control.cpp)
  target_include_directories(emu_emulator_test_tsan PRIVATE emu/include emu/src)
  target_compile_options(emu_emulator_test_tsan PRIVATE -g -O1 -Wall -Wextra -fsanitize=thread)
  target_link_options(emu_emulator_test_tsan PRIVATE -fsanitize=thread)
  target_link_libraries(emu_emulator_test_tsan PRIVATE Threads::Threads)
  set_target_properties(emu_emulator_test_tsan PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${RFM4J_EMU_OUTPUT_DIR}")
endif()

# the loader alone, for the library-set tests (scripts/cuda-emu-test.sh)
add_executable(emu_dynlib_test test/dynlib_test.cpp src/dynlib.cpp)
target_include_directories(emu_dynlib_test BEFORE PRIVATE emu/include)
target_include_directories(emu_dynlib_test PRIVATE include src)
target_link_libraries(emu_dynlib_test PRIVATE ${CMAKE_DL_LIBS})
target_compile_options(emu_dynlib_test PRIVATE ${_rfm4j_emu_compile})
target_link_options(emu_dynlib_test PRIVATE ${_rfm4j_emu_link})
set_target_properties(emu_dynlib_test PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${RFM4J_EMU_OUTPUT_DIR}")
