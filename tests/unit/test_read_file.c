/* SPDX-License-Identifier: MIT */
/*
 * tests/unit/test_read_file.c - xenrdm_read_file(): every kind of input
 * read once, whole, with the cap enforced while reading; a failed read
 * is an error, never a short file.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "xenrdm/read_file.h"

static char tmpdir[] = "/tmp/xenrdm-read-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *tmp_path(const char *name)
{
	static char p[256];

	snprintf(p, sizeof(p), "%s/%s", tmpdir, name);
	return p;
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* A writer process: LEN bytes of PATTERN (cycled) into fd, then exit. */
static pid_t writer(int fd, size_t len)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		char chunk[4096];
		size_t done = 0;

		signal(SIGPIPE, SIG_DFL);
		for (size_t i = 0; i < sizeof(chunk); i++)
			chunk[i] = (char)('a' + i % 26);
		while (done < len) {
			size_t n = len - done < sizeof(chunk) ?
				   len - done : sizeof(chunk);
			ssize_t w = write(fd, chunk, n);

			if (w <= 0)
				_exit(1);
			done += (size_t)w;
		}
		_exit(0);
	}
	return pid;
}

static void regular_exact_and_over_cap(void **state)
{
	char data[100], err[256], *buf = NULL;
	size_t len = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)i;      /* NULs and control bytes kept */
	write_file(tmp_path("f"), data, sizeof(data));
	assert_int_equal(xenrdm_read_file(tmp_path("f"), 100, &buf, &len,
					  err, sizeof(err)), 0);
	assert_int_equal(len, 100);
	assert_memory_equal(buf, data, 100);
	assert_int_equal(buf[100], '\0');
	free(buf);
	buf = NULL;
	assert_int_equal(xenrdm_read_file(tmp_path("f"), 99, &buf, &len,
					  err, sizeof(err)),
			 -XENRDM_ERR_TOOBIG);
	assert_null(buf);
	assert_string_equal(err, "larger than 99 bytes, the cap for this input");
	/* empty */
	write_file(tmp_path("e"), "", 0);
	assert_int_equal(xenrdm_read_file(tmp_path("e"), 10, &buf, &len,
					  err, sizeof(err)), 0);
	assert_int_equal(len, 0);
	assert_int_equal(buf[0], '\0');
	free(buf);
}

static void sparse_file_refused_without_reading(void **state)
{
	char err[256], *buf = NULL;
	size_t len = 0;
	int fd;

	(void)state;
	fd = open(tmp_path("sparse"), O_CREAT | O_WRONLY | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, 4LL << 30), 0);     /* 4 GiB */
	close(fd);
	assert_int_equal(xenrdm_read_file(tmp_path("sparse"),
					  XENRDM_CAP_ACPI_TABLE, &buf, &len,
					  err, sizeof(err)),
			 -XENRDM_ERR_TOOBIG);
	assert_string_equal(err, "larger than 1 MiB, the cap for this input");
	unlink(tmp_path("sparse"));
}

static void endless_devices_stop_at_cap(void **state)
{
	char err[256], *buf = NULL;
	size_t len = 0;

	(void)state;
	assert_int_equal(xenrdm_read_file("/dev/zero", XENRDM_CAP_TEXT, &buf,
					  &len, err, sizeof(err)),
			 -XENRDM_ERR_TOOBIG);
	assert_string_equal(err, "larger than 4 MiB, the cap for this input");
	assert_int_equal(xenrdm_read_file("/dev/urandom", 3000, &buf, &len,
					  err, sizeof(err)),
			 -XENRDM_ERR_TOOBIG);
	assert_string_equal(err, "larger than 3000 bytes, the cap for this input");
	assert_null(buf);
}

static void pipe_and_stdin(void **state)
{
	char err[256], *buf = NULL;
	size_t len = 0;
	int p[2], saved, status;
	pid_t pid;

	(void)state;
	/* A pipe as "-" (standard input): 300000 bytes, more than any one
	 * read returns. */
	assert_int_equal(pipe(p), 0);
	pid = writer(p[1], 300000);
	close(p[1]);
	saved = dup(0);
	assert_int_equal(dup2(p[0], 0), 0);
	close(p[0]);
	assert_int_equal(xenrdm_read_file("-", XENRDM_CAP_TEXT, &buf, &len,
					  err, sizeof(err)), 0);
	assert_int_equal(len, 300000);
	assert_int_equal(buf[0], 'a');
	assert_int_equal(buf[299999], (char)('a' + (299999 % 4096) % 26));
	free(buf);
	buf = NULL;
	waitpid(pid, &status, 0);

	/* The same through /dev/stdin, one byte over the cap. */
	assert_int_equal(pipe(p), 0);
	pid = writer(p[1], 1001);
	close(p[1]);
	assert_int_equal(dup2(p[0], 0), 0);
	close(p[0]);
	assert_int_equal(xenrdm_read_file("/dev/stdin", 1000, &buf, &len,
					  err, sizeof(err)),
			 -XENRDM_ERR_TOOBIG);
	assert_null(buf);
	close(0);
	waitpid(pid, &status, 0);
	assert_int_equal(dup2(saved, 0), 0);
	close(saved);
}

static void fifo(void **state)
{
	char err[256], *buf = NULL;
	size_t len = 0;
	int status, fd;
	pid_t pid;

	(void)state;
	assert_int_equal(mkfifo(tmp_path("fifo"), 0600), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		fd = open(tmp_path("fifo"), O_WRONLY);
		if (fd < 0)
			_exit(1);
		if (write(fd, "memory = 4096\n", 14) != 14)
			_exit(1);
		_exit(0);
	}
	assert_int_equal(xenrdm_read_file(tmp_path("fifo"), 4096, &buf, &len,
					  err, sizeof(err)), 0);
	assert_int_equal(len, 14);
	assert_string_equal(buf, "memory = 4096\n");
	free(buf);
	waitpid(pid, &status, 0);
	assert_int_equal(status, 0);
}

static void errors_are_errors(void **state)
{
	char err[256], *buf = (char *)"untouched";
	size_t len = 77;

	(void)state;
	assert_int_equal(xenrdm_read_file(tmp_path("none"), 10, &buf, &len,
					  err, sizeof(err)), -XENRDM_ERR_IO);
	assert_string_equal(err, "cannot open: No such file or directory");
	assert_int_equal(xenrdm_read_file(tmpdir, 10, &buf, &len, err,
					  sizeof(err)), -XENRDM_ERR_IO);
	assert_string_equal(err, "a directory, not a file");
	/* A read that fails (EIO at the unmapped page 0) is an error, not
	 * an empty file. */
	assert_int_equal(xenrdm_read_file("/proc/self/mem", 10, &buf, &len,
					  err, sizeof(err)), -XENRDM_ERR_IO);
	assert_string_equal(err, "read failed after 0 bytes: Input/output error");
	assert_string_equal(buf, "untouched");
	assert_int_equal(len, 77);
	assert_string_equal(xenrdm_read_file_name("-"), "standard input");
	assert_string_equal(xenrdm_read_file_name("/x"), "/x");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(regular_exact_and_over_cap),
		cmocka_unit_test(sparse_file_refused_without_reading),
		cmocka_unit_test(endless_devices_stop_at_cap),
		cmocka_unit_test(pipe_and_stdin),
		cmocka_unit_test(fifo),
		cmocka_unit_test(errors_are_errors),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
