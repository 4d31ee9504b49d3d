/**
 * The conversation event models of the events API, as the official SDK defines them: which array holds which
 * model, each model's required fields and properties (type, enum, nested model). Generated from
 * test/fixtures/genesys-openapi-subset.json (the reference file rebuilt from purecloud-platform-client-v2's
 * models); regenerate rather than edit.
 */
export interface PropertyModel {
  readonly type?: string;
  readonly enum?: readonly string[];
  readonly items?: string;
  readonly ref?: string;
}

export interface EventModel {
  readonly required: readonly string[];
  readonly properties: Readonly<Record<string, PropertyModel>>;
}

export const conversationEventArrays: Readonly<Record<string, string>> = {
  endTransferEvents: 'EndTransferEvent',
  phoneTransferEvents: 'PhoneTransferEvent',
  progressTransferEvents: 'ProgressTransferEvent',
  routingTransferEvents: 'RoutingTransferEvent',
  userTransferEvents: 'UserTransferEvent',
  communicationAnsweredEvents: 'CommunicationAnsweredEvent',
  communicationDispositionAppliedEvents: 'CommunicationDispositionAppliedEvent',
  holdUpdatedEvents: 'HoldUpdatedEvent',
  externalEstablishedEvents: 'ExternalEstablishedEvent',
  ivrEstablishedEvents: 'IvrEstablishedEvent',
  phoneEstablishedEvents: 'PhoneEstablishedEvent',
  routingEstablishedEvents: 'RoutingEstablishedEvent',
  userEstablishedEvents: 'UserEstablishedEvent',
  audioUpdatedEvents: 'AudioUpdatedEvent',
  communicationEndedEvents: 'CommunicationEndedEvent',
  consultTransferEvents: 'ConsultTransferEvent',
  progressConsultTransferEvents: 'ProgressConsultTransferEvent',
  endConsultTransferEvents: 'EndConsultTransferEvent',
  emailBeginTransmittingEvents: 'EmailBeginTransmittingEvent',
  emailCommunicationEndedEvents: 'EmailCommunicationEndedEvent',
  emailExternalEstablishedEvents: 'EmailExternalEstablishedEvent',
  emailFlowEstablishedEvents: 'EmailFlowEstablishedEvent',
  emailRoutingEstablishedEvents: 'EmailRoutingEstablishedEvent',
  emailUserEstablishedEvents: 'EmailUserEstablishedEvent',
  emailCommunicationAnsweredEvents: 'EmailCommunicationAnsweredEvent',
  emailCommunicationDispositionAppliedEvents: 'EmailCommunicationDispositionAppliedEvent',
  emailCommunicationSentMessageEvents: 'EmailCommunicationSentMessageEvent',
  emailHoldUpdatedEvents: 'EmailHoldUpdatedEvent',
  emailEndTransferEvents: 'EmailEndTransferEvent',
  emailProgressTransferEvents: 'EmailProgressTransferEvent',
  emailRoutingTransferEvents: 'EmailRoutingTransferEvent',
  emailUserTransferEvents: 'EmailUserTransferEvent',
};

export const conversationEventModels: Readonly<Record<string, EventModel>> = {
  AudioState: {
    properties: {
      canHear: {
        type: 'boolean',
      },
      canSpeak: {
        type: 'boolean',
      },
    },
    required: [],
  },
  AudioUpdatedEvent: {
    properties: {
      audioState: {
        ref: 'AudioState',
      },
      communicationId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
    },
    required: ['eventId', 'eventDateTime', 'conversationId', 'communicationId', 'audioState'],
  },
  CommunicationAnsweredEvent: {
    properties: {
      communicationId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
    },
    required: ['eventId', 'eventDateTime', 'conversationId', 'communicationId'],
  },
  CommunicationDispositionAppliedEvent: {
    properties: {
      code: {
        type: 'string',
      },
      communicationId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      notes: {
        type: 'string',
      },
      tags: {
        items: 'string',
        type: 'array',
      },
    },
    required: ['eventId', 'eventDateTime', 'conversationId', 'communicationId'],
  },
  CommunicationEndedEvent: {
    properties: {
      communicationId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      destinationConversationId: {
        type: 'string',
      },
      disconnectType: {
        enum: [
          'Error',
          'Peer',
          'Self',
          'System',
          'Transfer',
          'TransferACD',
          'TransferConference',
          'TransferConsult',
          'TransferUser',
        ],
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
    },
    required: ['eventId', 'eventDateTime', 'conversationId', 'communicationId', 'disconnectType'],
  },
  ConsultTransferEvent: {
    properties: {
      conversationId: {
        type: 'string',
      },
      destinationCommunicationId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      initiatingCommunicationId: {
        type: 'string',
      },
      objectCommunicationId: {
        type: 'string',
      },
    },
    required: [
      'eventId',
      'eventDateTime',
      'conversationId',
      'initiatingCommunicationId',
      'destinationCommunicationId',
      'objectCommunicationId',
    ],
  },
  EmailBeginTransmittingEvent: {
    properties: {
      communicationId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
    },
    required: ['eventId', 'eventDateTime', 'conversationId', 'communicationId'],
  },
  EmailCommunicationAnsweredEvent: {
    properties: {
      communicationId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
    },
    required: ['eventId', 'eventDateTime', 'conversationId', 'communicationId'],
  },
  EmailCommunicationDispositionAppliedEvent: {
    properties: {
      code: {
        type: 'string',
      },
      communicationId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      notes: {
        type: 'string',
      },
      tags: {
        items: 'string',
        type: 'array',
      },
    },
    required: ['eventId', 'eventDateTime', 'conversationId', 'communicationId'],
  },
  EmailCommunicationEndedEvent: {
    properties: {
      communicationId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      disconnectType: {
        enum: [
          'Unknown',
          'Self',
          'Peer',
          'System',
          'Error',
          'Spam',
          'Transfer',
          'TransferACD',
          'TransferUser',
        ],
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
    },
    required: ['eventId', 'eventDateTime', 'conversationId', 'communicationId', 'disconnectType'],
  },
  EmailCommunicationSentMessageEvent: {
    properties: {
      communicationId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
    },
    required: ['eventId', 'eventDateTime', 'conversationId', 'communicationId'],
  },
  EmailEndTransferEvent: {
    properties: {
      commandId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      finalState: {
        enum: ['Completed', 'Canceled', 'Failed'],
        type: 'string',
      },
      objectCommunicationId: {
        type: 'string',
      },
    },
    required: [
      'eventId',
      'eventDateTime',
      'conversationId',
      'commandId',
      'finalState',
      'objectCommunicationId',
    ],
  },
  EmailExternalEstablishedEvent: {
    properties: {
      communicationId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      displayName: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      includeMessage: {
        type: 'boolean',
      },
      initialConfiguration: {
        ref: 'EmailInitialConfiguration',
      },
      sourceConfiguration: {
        ref: 'SourceConfiguration',
      },
    },
    required: [
      'eventId',
      'eventDateTime',
      'conversationId',
      'communicationId',
      'initialConfiguration',
      'sourceConfiguration',
    ],
  },
  EmailFlowEstablishedEvent: {
    properties: {
      communicationId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      initialConfiguration: {
        ref: 'EmailInitialConfiguration',
      },
      sourceConfiguration: {
        ref: 'SourceConfiguration',
      },
    },
    required: [
      'eventId',
      'eventDateTime',
      'conversationId',
      'communicationId',
      'initialConfiguration',
      'sourceConfiguration',
    ],
  },
  EmailHoldUpdatedEvent: {
    properties: {
      communicationId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      held: {
        type: 'boolean',
      },
    },
    required: ['eventId', 'eventDateTime', 'conversationId', 'communicationId', 'held'],
  },
  EmailInitialConfiguration: {
    properties: {
      additionalInfo: {
        type: 'object',
      },
      alerting: {
        type: 'boolean',
      },
      bcc: {
        items: 'string',
        type: 'array',
      },
      cc: {
        items: 'string',
        type: 'array',
      },
      from: {
        type: 'string',
      },
      held: {
        type: 'boolean',
      },
      inbound: {
        type: 'boolean',
      },
      invitedBy: {
        type: 'string',
      },
      previousEmailId: {
        type: 'string',
      },
      subject: {
        type: 'string',
      },
      to: {
        type: 'string',
      },
    },
    required: ['to', 'from'],
  },
  EmailProgressTransferEvent: {
    properties: {
      commandId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      destinationCommunicationId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      objectCommunicationId: {
        type: 'string',
      },
    },
    required: [
      'eventId',
      'eventDateTime',
      'conversationId',
      'commandId',
      'objectCommunicationId',
      'destinationCommunicationId',
    ],
  },
  EmailRoutingEstablishedEvent: {
    properties: {
      communicationId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      initialConfiguration: {
        ref: 'EmailInitialConfiguration',
      },
      label: {
        type: 'string',
      },
      languageId: {
        type: 'string',
      },
      queueId: {
        type: 'string',
      },
      skillIds: {
        items: 'string',
        type: 'array',
      },
      sourceConfiguration: {
        ref: 'SourceConfiguration',
      },
    },
    required: [
      'eventId',
      'eventDateTime',
      'conversationId',
      'communicationId',
      'queueId',
      'initialConfiguration',
      'sourceConfiguration',
    ],
  },
  EmailRoutingTransferEvent: {
    properties: {
      commandId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      destinationQueueId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      initiatingCommunicationId: {
        type: 'string',
      },
      languageId: {
        type: 'string',
      },
      objectCommunicationId: {
        type: 'string',
      },
      skillIds: {
        items: 'string',
        type: 'array',
      },
      targetCommunicationId: {
        type: 'string',
      },
      transferType: {
        enum: ['Attended', 'Unattended'],
        type: 'string',
      },
    },
    required: [
      'eventId',
      'eventDateTime',
      'conversationId',
      'transferType',
      'commandId',
      'initiatingCommunicationId',
      'targetCommunicationId',
      'objectCommunicationId',
      'destinationQueueId',
    ],
  },
  EmailUserEstablishedEvent: {
    properties: {
      afterCallWorkRequired: {
        type: 'boolean',
      },
      communicationId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      initialConfiguration: {
        ref: 'EmailInitialConfiguration',
      },
      queueId: {
        type: 'string',
      },
      sourceConfiguration: {
        ref: 'SourceConfiguration',
      },
      userId: {
        type: 'string',
      },
    },
    required: [
      'eventId',
      'eventDateTime',
      'conversationId',
      'communicationId',
      'userId',
      'initialConfiguration',
      'sourceConfiguration',
    ],
  },
  EmailUserTransferEvent: {
    properties: {
      commandId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      destinationUserId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      initiatingCommunicationId: {
        type: 'string',
      },
      objectCommunicationId: {
        type: 'string',
      },
      targetCommunicationId: {
        type: 'string',
      },
      transferType: {
        enum: ['Attended', 'Unattended'],
        type: 'string',
      },
    },
    required: [
      'eventId',
      'eventDateTime',
      'conversationId',
      'transferType',
      'commandId',
      'initiatingCommunicationId',
      'targetCommunicationId',
      'objectCommunicationId',
      'destinationUserId',
    ],
  },
  EndConsultTransferEvent: {
    properties: {
      conversationId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
    },
    required: ['eventId', 'eventDateTime', 'conversationId'],
  },
  EndTransferEvent: {
    properties: {
      commandId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      finalState: {
        enum: ['Completed', 'Canceled', 'Failed'],
        type: 'string',
      },
      objectCommunicationId: {
        type: 'string',
      },
    },
    required: [
      'eventId',
      'eventDateTime',
      'conversationId',
      'commandId',
      'finalState',
      'objectCommunicationId',
    ],
  },
  ExternalEstablishedEvent: {
    properties: {
      ani: {
        type: 'string',
      },
      aniName: {
        type: 'string',
      },
      communicationId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      dnis: {
        type: 'string',
      },
      dnisName: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      initialConfiguration: {
        ref: 'InitialConfiguration',
      },
      sourceConfiguration: {
        ref: 'SourceConfiguration',
      },
    },
    required: [
      'eventId',
      'eventDateTime',
      'conversationId',
      'communicationId',
      'initialConfiguration',
      'sourceConfiguration',
    ],
  },
  HoldUpdatedEvent: {
    properties: {
      communicationId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      held: {
        type: 'boolean',
      },
    },
    required: ['eventId', 'eventDateTime', 'conversationId', 'communicationId', 'held'],
  },
  InitialConfiguration: {
    properties: {
      additionalInfo: {
        type: 'object',
      },
      alerting: {
        type: 'boolean',
      },
      audioState: {
        ref: 'AudioState',
      },
      inbound: {
        type: 'boolean',
      },
      invitedBy: {
        type: 'string',
      },
      recordingActive: {
        type: 'boolean',
      },
    },
    required: [],
  },
  IvrEstablishedEvent: {
    properties: {
      ani: {
        type: 'string',
      },
      communicationId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      dnis: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      initialConfiguration: {
        ref: 'InitialConfiguration',
      },
      ivrName: {
        type: 'string',
      },
      ivrPhoneNumber: {
        type: 'string',
      },
      sourceConfiguration: {
        ref: 'SourceConfiguration',
      },
    },
    required: [
      'eventId',
      'eventDateTime',
      'conversationId',
      'communicationId',
      'initialConfiguration',
      'sourceConfiguration',
    ],
  },
  PhoneEstablishedEvent: {
    properties: {
      ani: {
        type: 'string',
      },
      communicationId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      dnis: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      initialConfiguration: {
        ref: 'InitialConfiguration',
      },
      phoneNumber: {
        type: 'string',
      },
      sourceConfiguration: {
        ref: 'SourceConfiguration',
      },
    },
    required: [
      'eventId',
      'eventDateTime',
      'conversationId',
      'communicationId',
      'initialConfiguration',
      'sourceConfiguration',
    ],
  },
  PhoneTransferEvent: {
    properties: {
      commandId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      destinationPhoneNumber: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      initiatingCommunicationId: {
        type: 'string',
      },
      objectCommunicationId: {
        type: 'string',
      },
      targetCommunicationId: {
        type: 'string',
      },
      transferType: {
        enum: ['Attended', 'Unattended'],
        type: 'string',
      },
    },
    required: [
      'eventId',
      'eventDateTime',
      'conversationId',
      'transferType',
      'commandId',
      'initiatingCommunicationId',
      'targetCommunicationId',
      'objectCommunicationId',
      'destinationPhoneNumber',
    ],
  },
  ProgressConsultTransferEvent: {
    properties: {
      conversationId: {
        type: 'string',
      },
      destinationCommunicationId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      initiatingCommunicationId: {
        type: 'string',
      },
      objectCommunicationId: {
        type: 'string',
      },
    },
    required: [
      'eventId',
      'eventDateTime',
      'conversationId',
      'initiatingCommunicationId',
      'destinationCommunicationId',
      'objectCommunicationId',
    ],
  },
  ProgressTransferEvent: {
    properties: {
      commandId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      destinationCommunicationId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      objectCommunicationId: {
        type: 'string',
      },
    },
    required: [
      'eventId',
      'eventDateTime',
      'conversationId',
      'commandId',
      'objectCommunicationId',
      'destinationCommunicationId',
    ],
  },
  RoutingEstablishedEvent: {
    properties: {
      ani: {
        type: 'string',
      },
      communicationId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      dnis: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      initialConfiguration: {
        ref: 'InitialConfiguration',
      },
      languageId: {
        type: 'string',
      },
      phoneNumber: {
        type: 'string',
      },
      queueId: {
        type: 'string',
      },
      skillIds: {
        items: 'string',
        type: 'array',
      },
      sourceConfiguration: {
        ref: 'SourceConfiguration',
      },
    },
    required: [
      'eventId',
      'eventDateTime',
      'conversationId',
      'communicationId',
      'queueId',
      'initialConfiguration',
      'sourceConfiguration',
    ],
  },
  RoutingTransferEvent: {
    properties: {
      commandId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      destinationQueueId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      initiatingCommunicationId: {
        type: 'string',
      },
      languageId: {
        type: 'string',
      },
      objectCommunicationId: {
        type: 'string',
      },
      skillIds: {
        items: 'string',
        type: 'array',
      },
      targetCommunicationId: {
        type: 'string',
      },
      transferType: {
        enum: ['Attended', 'Unattended'],
        type: 'string',
      },
    },
    required: [
      'eventId',
      'eventDateTime',
      'conversationId',
      'transferType',
      'commandId',
      'initiatingCommunicationId',
      'targetCommunicationId',
      'objectCommunicationId',
      'destinationQueueId',
    ],
  },
  SourceConfiguration: {
    properties: {
      interactionId: {
        type: 'string',
      },
      sourceId: {
        type: 'string',
      },
      tagId: {
        type: 'string',
      },
    },
    required: ['sourceId', 'interactionId'],
  },
  UserEstablishedEvent: {
    properties: {
      afterCallWorkRequired: {
        type: 'boolean',
      },
      ani: {
        type: 'string',
      },
      communicationId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      dnis: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      initialConfiguration: {
        ref: 'InitialConfiguration',
      },
      phoneNumber: {
        type: 'string',
      },
      queueId: {
        type: 'string',
      },
      sourceConfiguration: {
        ref: 'SourceConfiguration',
      },
      stationId: {
        type: 'string',
      },
      userId: {
        type: 'string',
      },
    },
    required: [
      'eventId',
      'eventDateTime',
      'conversationId',
      'communicationId',
      'userId',
      'initialConfiguration',
      'sourceConfiguration',
    ],
  },
  UserTransferEvent: {
    properties: {
      commandId: {
        type: 'string',
      },
      conversationId: {
        type: 'string',
      },
      destinationUserId: {
        type: 'string',
      },
      eventDateTime: {
        type: 'string',
      },
      eventId: {
        type: 'string',
      },
      initiatingCommunicationId: {
        type: 'string',
      },
      objectCommunicationId: {
        type: 'string',
      },
      targetCommunicationId: {
        type: 'string',
      },
      transferType: {
        enum: ['Attended', 'Unattended'],
        type: 'string',
      },
    },
    required: [
      'eventId',
      'eventDateTime',
      'conversationId',
      'transferType',
      'commandId',
      'initiatingCommunicationId',
      'targetCommunicationId',
      'objectCommunicationId',
      'destinationUserId',
    ],
  },
};
