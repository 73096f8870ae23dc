/* SPDX-License-Identifier: MIT */
/* tests/qemu/common/fw_cfg.c - fw_cfg over I/O ports (see fw_cfg.h). */
#include "fw_cfg.h"

#include "io.h"

#define FW_CFG_PORT_SEL   0x510
#define FW_CFG_PORT_DATA  0x511
#define FW_CFG_SIGNATURE  0x0000
#define FW_CFG_FILE_DIR   0x0019
#define FW_CFG_NAME_MAX   56    /* struct FWCfgFile's name[] */

/* Selecting an item rewinds its read offset to 0. */
static void fw_cfg_select(uint16_t select)
{
	io_out16(FW_CFG_PORT_SEL, select);
}

static void fw_cfg_read_bytes(void *buf, uint32_t len)
{
	uint8_t *b = buf;
	uint32_t i;

	for (i = 0; i < len; i++)
		b[i] = io_in8(FW_CFG_PORT_DATA);
}

static uint32_t be32(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	       (uint32_t)b[2] << 8 | b[3];
}

bool fw_cfg_present(void)
{
	char sig[4];

	fw_cfg_select(FW_CFG_SIGNATURE);
	fw_cfg_read_bytes(sig, sizeof(sig));
	return sig[0] == 'Q' && sig[1] == 'E' && sig[2] == 'M' && sig[3] == 'U';
}

static bool name_equal(const char *dir_name, const char *want)
{
	unsigned i;

	for (i = 0; i < FW_CFG_NAME_MAX; i++) {
		if (dir_name[i] != want[i])
			return false;
		if (!want[i])
			return true;
	}
	return false;   /* WANT is longer than any directory name */
}

bool fw_cfg_find(const char *name, uint16_t *select, uint32_t *size)
{
	/* struct FWCfgFile: be32 size, be16 select, u16 reserved, name[56] */
	uint8_t entry[8 + FW_CFG_NAME_MAX];
	uint8_t count_be[4];
	uint32_t count, i;

	fw_cfg_select(FW_CFG_FILE_DIR);
	fw_cfg_read_bytes(count_be, sizeof(count_be));
	count = be32(count_be);
	for (i = 0; i < count; i++) {
		fw_cfg_read_bytes(entry, sizeof(entry));
		if (name_equal((const char *)entry + 8, name)) {
			*size = be32(entry);
			*select = (uint16_t)(entry[4] << 8 | entry[5]);
			return true;
		}
	}
	return false;
}

void fw_cfg_read(uint16_t select, void *buf, uint32_t len)
{
	fw_cfg_select(select);
	fw_cfg_read_bytes(buf, len);
}
