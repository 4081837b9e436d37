package dev.jlance.encoder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/** Runs encode tasks on an executor and hands back their pages in task order. */
public final class TaskRunner {

    private TaskRunner() {
    }

    /**
     * Runs every task and waits for all of them. If any fails, the pages that did finish are closed
     * and the first failure is thrown (unwrapped from the executor's wrapper).
     */
    public static List<EncodedPage> runInOrder(List<EncodeTask> tasks, Executor executor) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        List<CompletableFuture<EncodedPage>> futures = new ArrayList<>(tasks.size());
        for (EncodeTask t : tasks) {
            try {
                futures.add(t.startOn(executor).result());
            } catch (RuntimeException e) {
                t.discard();
                futures.add(CompletableFuture.failedFuture(e));
            }
        }
        List<EncodedPage> pages = new ArrayList<>(tasks.size());
        Throwable failure = null;
        for (CompletableFuture<EncodedPage> f : futures) {
            try {
                pages.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
            } catch (ExecutionException | CompletionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (failure == null) {
                    failure = cause;
                } else if (failure != cause) {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            pages.forEach(EncodedPage::close);
            switch (failure) {
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new IllegalStateException("encoding failed: " + failure.getMessage(), failure);
            }
        }
        return pages;
    }
}
