package io.stratus.runtime.java;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The class loader for the function's code (spec §6.1, §6.3): the task root's classes, then
 * {@code <task root>/lib/*.jar}, then {@code <opt>/java/lib/*.jar}, each directory's jars sorted by name. Its
 * parent is this runtime's loader, so {@code aws-lambda-java-core} resolves to one copy whatever the function
 * bundles. Thread-safe, as {@link URLClassLoader} is.
 */
final class FunctionClassLoader extends URLClassLoader {
    static {
        ClassLoader.registerAsParallelCapable();
    }

    private FunctionClassLoader(URL[] urls, ClassLoader parent) {
        super(urls, parent);
    }

    /**
     * @param taskRoot {@code LAMBDA_TASK_ROOT}
     * @param optRoot the layer root ({@code /opt} or {@code STRATUS_OPT_DIR})
     * @param parent the loader that holds {@code aws-lambda-java-core}
     */
    static FunctionClassLoader create(File taskRoot, File optRoot, ClassLoader parent) {
        List<URL> urls = new ArrayList<>();
        urls.add(url(taskRoot));
        addJars(new File(taskRoot, "lib"), urls);
        addJars(new File(new File(optRoot, "java"), "lib"), urls);
        return new FunctionClassLoader(urls.toArray(new URL[0]), parent);
    }

    /**
     * Whether the function's own class path (not the JDK's, not this runtime's) has a resource. Cheaper than
     * {@link #getResource}, which searches the JDK's modules first.
     */
    boolean hasOwnResource(String name) {
        return findResource(name) != null;
    }

    private static void addJars(File directory, List<URL> urls) {
        String[] names = directory.list();
        if (names == null) {
            return;
        }
        Arrays.sort(names);
        for (String name : names) {
            if (name.endsWith(".jar")) {
                urls.add(url(new File(directory, name)));
            }
        }
    }

    private static URL url(File file) {
        try {
            return file.getAbsoluteFile().toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Cannot put " + file + " on the class path", e);
        }
    }
}
