package com.sparkify.warehouse.infra;

import java.util.Optional;

import com.sparkify.warehouse.run.Job;

/**
 * Creating, describing and deleting one kind of Redshift warehouse: a provisioned cluster or a
 * Serverless workgroup. Create and delete run as job work and report where to connect in its details.
 */
interface WarehouseLifecycle extends AutoCloseable {

    /** Creates (or reuses) the warehouse and its IAM role, and waits until it is available. */
    void create(Job job) throws InterruptedException;

    /** Deletes the warehouse, waits until it is gone, then deletes the role this service created. */
    void delete(Job job) throws InterruptedException;

    /** The warehouse as AWS reports it now, or empty when it does not exist. */
    Optional<ClusterView> describe();

    @Override
    void close();

    /** What one step of create or delete does; it may wait for AWS. */
    @FunctionalInterface
    interface StepWork<T> {
        T run() throws InterruptedException;
    }

    /** As {@link StepWork}, for a step that gives nothing back. */
    @FunctionalInterface
    interface StepAction {
        void run() throws InterruptedException;
    }

    /** Runs one step: it ends when {@code work} returns, then the job's state is saved. */
    static <T> T step(Job job, String name, StepWork<T> work) throws InterruptedException {
        Job.StepState step = job.step(name);
        T result = work.run();
        step.succeed(null);
        job.checkpoint();
        return result;
    }

    /** Runs one step that gives nothing back (see {@link #step(Job, String, StepWork)}). */
    static void step(Job job, String name, StepAction action) throws InterruptedException {
        step(job, name, () -> {
            action.run();
            return null;
        });
    }

    /** Every create's first step: the IAM role Redshift reads S3 with, its ARN shown in the job's details. */
    static String roleStep(Job job, ServiceRole role) throws InterruptedException {
        return step(job, "iam_role", () -> {
            String roleArn = role.ensure(job);
            job.detail("role_arn", roleArn);
            return roleArn;
        });
    }
}
