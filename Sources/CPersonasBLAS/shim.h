// CPersonasBLAS: the C surface Personas calls, and nothing else.
//
// CBLAS comes from OpenBLAS's own header. LAPACK has no portable C header (LAPACKE is a separate
// package), so the handful of Fortran routines we call are declared here with the gfortran calling
// convention: every argument by pointer, column-major arrays, and one hidden trailing length
// (size_t since gfortran 8) per CHARACTER argument.
#ifndef CPERSONAS_BLAS_SHIM_H
#define CPERSONAS_BLAS_SHIM_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE // cblas.h names cpu_set_t on Linux
#endif
#include <sched.h>
#include <stddef.h>
#include <cblas.h>

typedef int personas_lapack_int;
typedef size_t personas_lapack_strlen;

// Symmetric eigendecomposition, MRRR (LAPACK Working Note 163).
void ssyevr_(const char *jobz, const char *range, const char *uplo, const personas_lapack_int *n,
             float *a, const personas_lapack_int *lda, const float *vl, const float *vu,
             const personas_lapack_int *il, const personas_lapack_int *iu, const float *abstol,
             personas_lapack_int *m, float *w, float *z, const personas_lapack_int *ldz,
             personas_lapack_int *isuppz, float *work, const personas_lapack_int *lwork,
             personas_lapack_int *iwork, const personas_lapack_int *liwork, personas_lapack_int *info,
             personas_lapack_strlen jobz_len, personas_lapack_strlen range_len,
             personas_lapack_strlen uplo_len);
void dsyevr_(const char *jobz, const char *range, const char *uplo, const personas_lapack_int *n,
             double *a, const personas_lapack_int *lda, const double *vl, const double *vu,
             const personas_lapack_int *il, const personas_lapack_int *iu, const double *abstol,
             personas_lapack_int *m, double *w, double *z, const personas_lapack_int *ldz,
             personas_lapack_int *isuppz, double *work, const personas_lapack_int *lwork,
             personas_lapack_int *iwork, const personas_lapack_int *liwork, personas_lapack_int *info,
             personas_lapack_strlen jobz_len, personas_lapack_strlen range_len,
             personas_lapack_strlen uplo_len);

// Singular value decomposition, divide and conquer.
void sgesdd_(const char *jobz, const personas_lapack_int *m, const personas_lapack_int *n, float *a,
             const personas_lapack_int *lda, float *s, float *u, const personas_lapack_int *ldu,
             float *vt, const personas_lapack_int *ldvt, float *work, const personas_lapack_int *lwork,
             personas_lapack_int *iwork, personas_lapack_int *info, personas_lapack_strlen jobz_len);
void dgesdd_(const char *jobz, const personas_lapack_int *m, const personas_lapack_int *n, double *a,
             const personas_lapack_int *lda, double *s, double *u, const personas_lapack_int *ldu,
             double *vt, const personas_lapack_int *ldvt, double *work, const personas_lapack_int *lwork,
             personas_lapack_int *iwork, personas_lapack_int *info, personas_lapack_strlen jobz_len);

// Cholesky factorisation and solve.
void spotrf_(const char *uplo, const personas_lapack_int *n, float *a, const personas_lapack_int *lda,
             personas_lapack_int *info, personas_lapack_strlen uplo_len);
void dpotrf_(const char *uplo, const personas_lapack_int *n, double *a, const personas_lapack_int *lda,
             personas_lapack_int *info, personas_lapack_strlen uplo_len);
void spotrs_(const char *uplo, const personas_lapack_int *n, const personas_lapack_int *nrhs,
             const float *a, const personas_lapack_int *lda, float *b, const personas_lapack_int *ldb,
             personas_lapack_int *info, personas_lapack_strlen uplo_len);
void dpotrs_(const char *uplo, const personas_lapack_int *n, const personas_lapack_int *nrhs,
             const double *a, const personas_lapack_int *lda, double *b, const personas_lapack_int *ldb,
             personas_lapack_int *info, personas_lapack_strlen uplo_len);

// Inverse of a triangular matrix (the precision Cholesky factor of a Gaussian mixture component).
void strtri_(const char *uplo, const char *diag, const personas_lapack_int *n, float *a,
             const personas_lapack_int *lda, personas_lapack_int *info, personas_lapack_strlen uplo_len,
             personas_lapack_strlen diag_len);
void dtrtri_(const char *uplo, const char *diag, const personas_lapack_int *n, double *a,
             const personas_lapack_int *lda, personas_lapack_int *info, personas_lapack_strlen uplo_len,
             personas_lapack_strlen diag_len);

// Minimum-norm least squares through the SVD, divide and conquer (what SciPy's lstsq calls).
void sgelsd_(const personas_lapack_int *m, const personas_lapack_int *n, const personas_lapack_int *nrhs,
             float *a, const personas_lapack_int *lda, float *b, const personas_lapack_int *ldb, float *s,
             const float *rcond, personas_lapack_int *rank, float *work, const personas_lapack_int *lwork,
             personas_lapack_int *iwork, personas_lapack_int *info);
void dgelsd_(const personas_lapack_int *m, const personas_lapack_int *n, const personas_lapack_int *nrhs,
             double *a, const personas_lapack_int *lda, double *b, const personas_lapack_int *ldb, double *s,
             const double *rcond, personas_lapack_int *rank, double *work, const personas_lapack_int *lwork,
             personas_lapack_int *iwork, personas_lapack_int *info);

#endif
