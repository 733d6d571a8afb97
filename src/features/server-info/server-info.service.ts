import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { ServerInfoRepository } from './server-info.repository';
import type { ServerInfo } from './server-info.type';

export class ServerInfoService {
  constructor(
    private readonly repository: ServerInfoRepository,
    private readonly serviceVersion: string,
  ) {}

  async describe(scope: OperationScope): Promise<ServerInfo> {
    const facts = await this.repository.databaseFacts(scope);
    return { version: this.serviceVersion, ...facts };
  }
}
