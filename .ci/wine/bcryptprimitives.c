/*
 * CI-only shim for Wine 8 (Debian 12), which lacks bcryptprimitives.dll.
 * The Go runtime (1.22+) loads ProcessPrng from it at start on Windows, so
 * without this every Go executable dies with "bcryptprimitives.dll not
 * found". Never shipped: real Windows has the DLL.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG n = len > 0x10000000 ? 0x10000000 : (ULONG)len;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		len -= n;
	}
	return TRUE;
}
