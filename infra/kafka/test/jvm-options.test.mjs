import path from "node:path";
import { describe, expect, it } from "vitest";
import { instancePaths } from "../src/instance.mjs";
import { brokerJvmArgs, javaBin, storageFormatJvmArgs } from "../src/jvm-options.mjs";

const instance = instancePaths("/data/kafka-test");

describe("the broker's JVM command line", () => {
  const args = brokerJvmArgs(instance, {
    classData: ["-XX:SharedArchiveFile=/jars/kafka.jsa"],
    jarsDir: "/jars",
  });

  it("runs kafka.Kafka on the instance's generated config, with every jar on the classpath", () => {
    expect(args.slice(-4)).toEqual(["-cp", path.join("/jars", "*"), "kafka.Kafka", instance.props]);
  });

  it("starts the heap small and bounds it and metaspace, with the serial collector, exiting on running out of memory", () => {
    expect(args).toEqual(
      expect.arrayContaining([
        "-Xms16m",
        "-Xmx256m",
        "-XX:MaxMetaspaceSize=128m",
        "-XX:+UseSerialGC",
        "-XX:+ExitOnOutOfMemoryError",
      ]),
    );
    expect(args.filter((arg) => /^-XX:\+Use\w+GC$/.test(arg))).toEqual(["-XX:+UseSerialGC"]);
  });

  it("writes logs and crash reports into the instance and passes the class-data options", () => {
    expect(args).toContain(`-Dkafka.logs.dir=${instance.logs}`);
    expect(args).toContain(`-XX:ErrorFile=${path.join(instance.logs, "hs_err_pid%p.log")}`);
    expect(args).toContain("-XX:SharedArchiveFile=/jars/kafka.jsa");
    expect(args.find((arg) => arg.startsWith("-Dlog4j.configuration=file:"))).toMatch(
      /infra\/kafka\/log4j\.properties$/,
    );
  });

  it("keeps C2 unless asked for low memory, then runs C1 only with one compiler thread", () => {
    expect(args.some((arg) => arg.startsWith("-XX:TieredStopAtLevel"))).toBe(false);
    const lean = brokerJvmArgs(instance, { jarsDir: "/jars", lowMemory: true });
    expect(lean).toEqual(
      expect.arrayContaining(["-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-Xss512k"]),
    );
    expect(lean.slice(-4)).toEqual(args.slice(-4));
  });
});

describe("the storage tool's JVM command line", () => {
  it("formats the instance's storage for the cluster id, tolerating a formatted one", () => {
    const args = storageFormatJvmArgs(instance, "clusterIdAbc", { jarsDir: "/jars" });
    expect(args.slice(args.indexOf("kafka.tools.StorageTool"))).toEqual([
      "kafka.tools.StorageTool",
      "format",
      "-t",
      "clusterIdAbc",
      "-c",
      instance.props,
      "--ignore-formatted",
    ]);
  });

  it("starts quickly rather than runs fast: serial GC, C1 only", () => {
    const args = storageFormatJvmArgs(instance, "id", { jarsDir: "/jars" });
    expect(args).toEqual(expect.arrayContaining(["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"]));
    expect(args).not.toContain("-XX:+UseG1GC");
  });
});

describe("java", () => {
  it("comes from JAVA_HOME when set, else from PATH", () => {
    expect(javaBin({ JAVA_HOME: "/opt/jdk" })).toBe(path.join("/opt/jdk", "bin", "java"));
    expect(javaBin({})).toBe("java");
  });
});
