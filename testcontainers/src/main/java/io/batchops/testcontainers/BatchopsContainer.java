package io.batchops.testcontainers;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.batchops.junit5.Batchops;
import io.batchops.junit5.RunningBatchops;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * batchops's container image in a test: the Huawei Cloud SMS and DRS batch APIs on a port of this
 * machine, with the control API, the official SDK's clients and the SDK's environment at hand.
 *
 * <pre>{@code
 * @Container
 * static BatchopsContainer batchops = new BatchopsContainer().withSeed(Path.of("src/test/resources/seed.json"));
 *
 * @Test
 * void deletes() {
 *     new MigrationCleaner(batchops.sms()).deleteAll(List.of("t1"));
 *     batchops.verify(1, RequestPattern.operation("deleteTasks").ids("t1"));
 * }
 * }</pre>
 *
 * Its handles ({@code sms()}, {@code control()}, {@code verify(...)}, ...) are {@link RunningBatchops}'s, as the
 * JUnit extension's. The port is published on 127.0.0.1 when the container engine runs on this machine (the image serves
 * the development principal, whose keys are public); the control API gets a random token unless given one.
 */
public class BatchopsContainer extends GenericContainer<BatchopsContainer> implements RunningBatchops {
    /** The image {@code podman build -t batchops -f Containerfile .} (or docker build) makes from a checkout. */
    public static final String DEFAULT_IMAGE = "batchops:latest";
    /** The port the image listens on. */
    public static final int PORT = 8080;
    private static final String CONFIG = "/config/";

    private Path credentials;
    private String principalName;
    private String adminToken;
    private Batchops batchops;

    /** The image named by the system property {@code batchops.image}, or {@value #DEFAULT_IMAGE}. */
    public BatchopsContainer() {
        this(System.getProperty("batchops.image", DEFAULT_IMAGE));
    }

    public BatchopsContainer(String image) {
        this(DockerImageName.parse(image));
    }

    public BatchopsContainer(DockerImageName image) {
        super(image);
        withExposedPorts(PORT);
        waitingFor(Wait.forHttp("/_batchops/health").forPort(PORT).forStatusCode(200)
                .withStartupTimeout(Duration.ofSeconds(120)));
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        withAdminToken(HexFormat.of().formatHex(random));
    }

    /** State loaded at start (the server's {@code --seed} format). */
    public BatchopsContainer withSeed(Path file) {
        withCopyFileToContainer(MountableFile.forHostPath(file), CONFIG + "seed.json");
        return withEnv("BATCHOPS_SEED", CONFIG + "seed.json");
    }

    /** The principals (the server's {@code --credentials} format); without, the development principal. */
    public BatchopsContainer withCredentials(Path file) {
        this.credentials = file;
        withCopyFileToContainer(MountableFile.forHostPath(file), CONFIG + "credentials.json");
        return withEnv("BATCHOPS_CREDENTIALS", CONFIG + "credentials.json");
    }

    /** Which principal of the credentials file the clients act as (default: the first). */
    public BatchopsContainer withPrincipal(String name) {
        this.principalName = name;
        return self();
    }

    /** The control API's token (default: a random one, given by {@link #adminToken()}). */
    public BatchopsContainer withAdminToken(String token) {
        this.adminToken = token;
        return withEnv("BATCHOPS_ADMIN_TOKEN", token);
    }

    @Override
    protected void configure() {
        super.configure();
        String host = DockerClientFactory.instance().dockerHostIpAddress();
        // The tests reach it by the Docker host's name (a remote daemon's, say): the server must answer to it.
        if (!getEnvMap().containsKey("BATCHOPS_ALLOWED_HOSTS")) {
            withEnv("BATCHOPS_ALLOWED_HOSTS", host);
        }
        if (Set.of("localhost", "127.0.0.1").contains(host)) {
            withCreateContainerCmdModifier(command -> command.getHostConfig().withPortBindings(
                    new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(PORT))));
        }
    }

    /** Where batchops answers, as {@code http://HOST:PORT}. */
    @Override
    public String baseUrl() {
        return "http://" + getHost() + ":" + getMappedPort(PORT);
    }

    /** The control API's token. */
    @Override
    public String adminToken() {
        return adminToken;
    }

    /** The running batchops: control API, clients, fixtures, verification. */
    @Override
    public synchronized Batchops batchops() {
        if (!isRunning()) {
            throw new IllegalStateException("the batchops container is not running: start() it first");
        }
        if (batchops == null || !batchops.baseUrl().equals(baseUrl())) {
            batchops = Batchops.connect(baseUrl(), adminToken, credentials, principalName);
        }
        return batchops;
    }
}
