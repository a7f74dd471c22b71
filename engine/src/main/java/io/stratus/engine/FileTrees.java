package io.stratus.engine;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** Fills a directory with another tree's files as hard links: no data is copied, and the source stays as it was. */
final class FileTrees {

    private FileTrees() {
    }

    /**
     * Recreates the directories of {@code source} under {@code target} (which must exist) and hard-links every
     * file. Symbolic links are recreated as they are (they point inside the sandbox's view). A file that cannot be
     * linked (another file system) is copied.
     */
    static void link(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path copy = target.resolve(source.relativize(dir).toString());
                if (!dir.equals(source)) {
                    Files.createDirectory(copy);
                }
                Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path copy = target.resolve(source.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(copy, Files.readSymbolicLink(file));
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.createLink(copy, file);
                } catch (FileAlreadyExistsException e) {
                    throw e;
                } catch (FileSystemException | UnsupportedOperationException e) {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
