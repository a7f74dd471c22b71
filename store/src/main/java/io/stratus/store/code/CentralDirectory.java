package io.stratus.store.code;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the entries of a zip's central directory straight from its bytes (APPNOTE 4.3.12-4.3.16, with Zip64),
 * including the Unix mode that {@link java.util.zip.ZipEntry} hides. Pure function; no I/O.
 */
public final class CentralDirectory {

    private static final int EOCD_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_EOCD_SIGNATURE = 0x06064b50;
    private static final int ENTRY_SIGNATURE = 0x02014b50;
    private static final int EOCD_MIN = 22;
    private static final long U32_MAX = 0xFFFFFFFFL;
    private static final int S_IFMT = 0170000;
    private static final int S_IFLNK = 0120000;
    private static final int HOST_UNIX = 3;

    /**
     * One central-directory entry.
     *
     * @param name             the entry name (UTF-8 when flagged, else read as CP437-compatible Latin-1)
     * @param uncompressedSize the size the header declares
     * @param symlink          true when made on Unix with the symlink file type
     * @param executable       true when made on Unix with any execute permission bit set
     */
    public record Entry(String name, long uncompressedSize, boolean symlink, boolean executable) {
    }

    private CentralDirectory() {
    }

    /** The entries, or empty when the bytes are not a well-formed zip. */
    public static Optional<List<Entry>> read(byte[] zip) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
            int eocd = findEndOfCentralDirectory(buf);
            if (eocd < 0) {
                return Optional.empty();
            }
            long count = Short.toUnsignedInt(buf.getShort(eocd + 10));
            long offset = Integer.toUnsignedLong(buf.getInt(eocd + 16));
            if (count == 0xFFFF || offset == U32_MAX) {
                int locator = eocd - 20;
                if (locator < 0 || buf.getInt(locator) != ZIP64_LOCATOR_SIGNATURE) {
                    return Optional.empty();
                }
                int zip64 = Math.toIntExact(buf.getLong(locator + 8));
                if (buf.getInt(zip64) != ZIP64_EOCD_SIGNATURE) {
                    return Optional.empty();
                }
                count = buf.getLong(zip64 + 32);
                offset = buf.getLong(zip64 + 48);
            }
            return Optional.of(entries(buf, Math.toIntExact(offset), count));
        } catch (RuntimeException malformed) {
            // Out-of-range offsets and impossible counts all mean the same thing to the caller: not a zip.
            return Optional.empty();
        }
    }

    private static int findEndOfCentralDirectory(ByteBuffer buf) {
        int last = buf.limit() - EOCD_MIN;
        int first = Math.max(0, last - 0xFFFF);
        for (int i = last; i >= first; i--) {
            if (buf.getInt(i) == EOCD_SIGNATURE) {
                return i;
            }
        }
        return -1;
    }

    private static List<Entry> entries(ByteBuffer buf, int offset, long count) {
        if (count > buf.limit() / 46) {
            throw new IllegalStateException("more entries declared than could fit");
        }
        List<Entry> entries = new ArrayList<>((int) count);
        int pos = offset;
        for (long i = 0; i < count; i++) {
            if (buf.getInt(pos) != ENTRY_SIGNATURE) {
                throw new IllegalStateException("bad central directory entry signature at " + pos);
            }
            int madeBy = Short.toUnsignedInt(buf.getShort(pos + 4)) >>> 8;
            int flags = Short.toUnsignedInt(buf.getShort(pos + 8));
            long size = Integer.toUnsignedLong(buf.getInt(pos + 24));
            int nameLength = Short.toUnsignedInt(buf.getShort(pos + 28));
            int extraLength = Short.toUnsignedInt(buf.getShort(pos + 30));
            int commentLength = Short.toUnsignedInt(buf.getShort(pos + 32));
            long external = Integer.toUnsignedLong(buf.getInt(pos + 38));
            String name = name(buf, pos + 46, nameLength, (flags & 0x800) != 0);
            if (size == U32_MAX) {
                size = zip64Size(buf, pos + 46 + nameLength, extraLength);
            }
            long unixMode = madeBy == HOST_UNIX ? external >>> 16 : 0;
            boolean symlink = (unixMode & S_IFMT) == S_IFLNK;
            entries.add(new Entry(name, size, symlink, (unixMode & 0111) != 0));
            pos += 46 + nameLength + extraLength + commentLength;
        }
        return entries;
    }

    private static String name(ByteBuffer buf, int at, int length, boolean utf8) {
        byte[] bytes = new byte[length];
        buf.get(at, bytes);
        return new String(bytes, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    private static long zip64Size(ByteBuffer buf, int extraStart, int extraLength) {
        int pos = extraStart;
        while (pos + 4 <= extraStart + extraLength) {
            int id = Short.toUnsignedInt(buf.getShort(pos));
            int length = Short.toUnsignedInt(buf.getShort(pos + 2));
            if (id == 0x0001 && length >= 8) {
                return buf.getLong(pos + 4);
            }
            pos += 4 + length;
        }
        throw new IllegalStateException("zip64 size missing");
    }
}
