package io.stratus.store.code;

import io.stratus.model.error.InvalidParameterValueException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Decides whether a deployment package is safe and small enough to accept, before anything of it is kept.
 *
 * <p>Design notes. The central directory is read from the raw bytes ({@link CentralDirectory}) because only it
 * carries the Unix mode that marks symlinks, which {@link ZipEntry} does not expose. Sizes are not trusted from
 * headers: every entry is inflated and counted, stopping at the limit, so a zip bomb with lying headers is
 * rejected after reading at most {@code maxUnzippedBytes}. Entries are read through {@link ZipFile}, which like
 * any later extraction follows the central directory, so what is checked is what would be extracted.
 */
public final class ZipInspector {

    /** The message Lambda gives for anything that is not a readable zip. */
    public static final String UNZIP_FAILED =
            "Could not unzip uploaded file. Please check your file, then try to upload again.";

    private final long maxUnzippedBytes;

    /** @param maxUnzippedBytes the largest total uncompressed size accepted (Lambda: 262,144,000) */
    public ZipInspector(long maxUnzippedBytes) {
        this.maxUnzippedBytes = maxUnzippedBytes;
    }

    /**
     * Checks a package whose bytes are {@code zip} and which is also written at {@code file}.
     *
     * @return the entry names and total uncompressed size
     * @throws InvalidParameterValueException when the package is not a zip, is empty, has an entry that would
     *                                        land outside its directory or is a symlink, or unzips too large
     */
    public ZipSummary inspect(byte[] zip, Path file) {
        List<CentralDirectory.Entry> entries = CentralDirectory.read(zip)
                .orElseThrow(() -> new InvalidParameterValueException(UNZIP_FAILED));
        if (entries.isEmpty()) {
            throw new InvalidParameterValueException(UNZIP_FAILED + " The zip file contains no files.");
        }
        long declared = 0;
        for (CentralDirectory.Entry entry : entries) {
            checkEntry(entry);
            declared += entry.uncompressedSize();
        }
        if (declared > maxUnzippedBytes) {
            throw tooLarge();
        }
        return new ZipSummary(names(entries), inflateAll(file));
    }

    private static void checkEntry(CentralDirectory.Entry entry) {
        String name = entry.name();
        if (unsafePath(name)) {
            throw new InvalidParameterValueException(UNZIP_FAILED + " The entry '" + printable(name)
                    + "' would be extracted outside the function's directory.");
        }
        if (entry.symlink()) {
            throw new InvalidParameterValueException(UNZIP_FAILED + " The entry '" + printable(name)
                    + "' is a symbolic link; symbolic links are not accepted.");
        }
    }

    /** True for absolute paths, drive letters, backslashes, NUL, and any {@code ..} segment. */
    static boolean unsafePath(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0
                || name.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String printable(String name) {
        return name.replaceAll("\\p{Cntrl}", "?");
    }

    private long inflateAll(Path file) {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        total += n;
                        if (total > maxUnzippedBytes) {
                            throw tooLarge();
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidParameterValueException ipv) {
                throw ipv;
            }
            throw new InvalidParameterValueException(UNZIP_FAILED);
        }
        return total;
    }

    private InvalidParameterValueException tooLarge() {
        return new InvalidParameterValueException("Unzipped size must be smaller than " + maxUnzippedBytes + " bytes");
    }

    private static List<String> names(List<CentralDirectory.Entry> entries) {
        List<String> names = new ArrayList<>(entries.size());
        entries.forEach(e -> names.add(e.name()));
        return List.copyOf(names);
    }

    /**
     * What inspection found.
     *
     * @param entryNames     names of all entries, directories included
     * @param unzippedBytes  the total uncompressed size, counted by inflating
     */
    public record ZipSummary(List<String> entryNames, long unzippedBytes) {
    }
}
