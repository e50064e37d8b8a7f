# Extra dependencies of propos_bench_search (included by bench/CMakeLists.txt with `_target` set):
# the baselines it measures PropOS against.
#   - hnswlib (Debian libhnswlib-dev 0.6.2): header-only, in the system include path.
#   - FAISS (Debian libfaiss-dev 1.7.3): a static library whose CMake package does not look for its
#     own OpenMP dependency, so OpenMP is found first.
# The program is compiled for AVX2+FMA when the compiler can, so that raw hnswlib (which picks its
# distance code at compile time) runs the same instruction set as PropOS's runtime-dispatched kernel.
find_path(PROPOS_BENCH_HNSWLIB_INCLUDE_DIR hnswlib/hnswlib.h REQUIRED)
find_package(OpenMP REQUIRED COMPONENTS CXX)
find_package(faiss CONFIG REQUIRED)
target_link_libraries(${_target} PRIVATE faiss OpenMP::OpenMP_CXX)
include(CheckCXXCompilerFlag)
check_cxx_compiler_flag("-mavx2 -mfma" PROPOS_BENCH_HAS_AVX2)
if(PROPOS_BENCH_HAS_AVX2)
  target_compile_options(${_target} PRIVATE -mavx2 -mfma)
endif()
