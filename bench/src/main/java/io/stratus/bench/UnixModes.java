package io.stratus.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Marks zip entries as Unix files with mode 0755 (java.util.zip cannot write modes; a bootstrap needs the x bit). */
final class UnixModes {

    private static final int EOCD_SIGNATURE = 0x06054b50;

    private UnixModes() {
    }

    static byte[] markExecutable(byte[] zip, Set<String> names) {
        ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = zip.length - 22;
        while (buf.getInt(eocd) != EOCD_SIGNATURE) {
            eocd--;
        }
        int pos = buf.getInt(eocd + 16);
        int count = Short.toUnsignedInt(buf.getShort(eocd + 10));
        for (int i = 0; i < count; i++) {
            int nameLength = Short.toUnsignedInt(buf.getShort(pos + 28));
            if (names.contains(new String(zip, pos + 46, nameLength, StandardCharsets.UTF_8))) {
                buf.putShort(pos + 4, (short) ((3 << 8) | 20)); // version made by: Unix
                buf.putInt(pos + 38, 0100755 << 16);            // external attributes: regular file, rwxr-xr-x
            }
            pos += 46 + nameLength + Short.toUnsignedInt(buf.getShort(pos + 30))
                    + Short.toUnsignedInt(buf.getShort(pos + 32));
        }
        return zip;
    }
}
