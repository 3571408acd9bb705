package io.batchops.server;

import io.batchops.server.meta.SdkEndpoints;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar batchops-server.jar env}: the exports that point code written with the official
 * SDK at a batchops, for {@code eval "$(java -jar batchops-server.jar env)"}.
 */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = "Prints the environment (shell exports) that points the official Huawei Cloud SDKs at batchops: "
                + "an endpoint for every SMS and DRS region, IAM, and the development principal's access key pair.")
final class EnvCommand implements Callable<Integer> {
    @Option(names = "--url",
            defaultValue = "http://${env:BATCHOPS_HOST:-" + ServerConfig.DEFAULT_HOST + "}:${env:BATCHOPS_PORT:-"
                    + ServerConfig.DEFAULT_PORT + "}",
            description = "The batchops to point at (default ${DEFAULT-VALUE}, from BATCHOPS_HOST and BATCHOPS_PORT).")
    private String url;

    @Option(names = "--credentials", defaultValue = "${env:BATCHOPS_CREDENTIALS}",
            description = "The server's credentials file, if it has one: then no access key is printed (export your "
                    + "principal's HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK).")
    private Path credentials;

    @Override
    public Integer call() {
        System.out.print(SdkEndpoints.exports(SdkEndpoints.variables(url, credentials == null)));
        return 0;
    }
}
