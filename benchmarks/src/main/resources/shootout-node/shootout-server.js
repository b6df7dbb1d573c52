'use strict';
// The websocket-shootout protocol on Node's ws, the idiomatic way: every client in wss.clients,
// each broadcast turned into bytes once and sent to each. Prints "READY <port>" once it listens.
const { WebSocketServer } = require('ws');

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/shootout', perMessageDeflate: false });

wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const message = JSON.parse(data);
    switch (message.type) {
      case 'echo':
        socket.send(JSON.stringify({ type: 'echo', payload: message.payload }));
        break;
      case 'broadcast': {
        const broadcast = Buffer.from(JSON.stringify({ type: 'broadcast', payload: message.payload }));
        let listeners = 0;
        for (const client of wss.clients) {
          client.send(broadcast, { binary: false });
          listeners++;
        }
        socket.send(JSON.stringify({ type: 'broadcastResult', payload: message.payload, listenerCount: listeners }));
        break;
      }
      default:
        throw new Error('Unknown message type: ' + message.type);
    }
  });
});

wss.on('listening', () => console.log('READY ' + wss.address().port));
