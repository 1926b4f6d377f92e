/* libxml2_config.h — libxml2's config.h for the browser build (cmake/browser.cmake):
   what emscripten's libc has, written once by hand instead of libxml2's own configure
   checks, each of which runs the emscripten compiler (seven minutes for the set). No
   threads, sockets, iconv, zlib or lzma: gifkit's models and .xlsx parts are UTF-8. */
#define HAVE_CTYPE_H 1
#define HAVE_ERRNO_H 1
#define HAVE_FCNTL_H 1
#define HAVE_FLOAT_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_LIMITS_H 1
#define HAVE_MATH_H 1
#define HAVE_STDARG_H 1
#define HAVE_STDINT_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRING_H 1
#define HAVE_STRINGS_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_SYS_TIME_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_TIME_H 1
#define HAVE_UNISTD_H 1
#define HAVE_GETTIMEOFDAY 1
#define HAVE_LOCALTIME 1
#define HAVE_RAND 1
#define HAVE_RAND_R 1
#define HAVE_SRAND 1
#define HAVE_STAT 1
#define HAVE_STRFTIME 1
#define HAVE_TIME 1
#define HAVE_FPRINTF 1
#define HAVE_PRINTF 1
#define HAVE_SNPRINTF 1
#define HAVE_SPRINTF 1
#define HAVE_SSCANF 1
#define HAVE_VFPRINTF 1
#define HAVE_VSNPRINTF 1
#define HAVE_VSPRINTF 1
#define STDC_HEADERS 1
#define VERSION "2.9.12"
